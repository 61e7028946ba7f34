import Foundation
import Hummingbird

/// Uploaded files: `/media/<folder>/<32 hex digits>.<png|jpg|webp>`, where the folder is the slug of an
/// admin resource with a file field. A file answers only to a user who may see the object it belongs to
/// (the resource's permission and access rule: a coach sees their own athletes' photos); anyone else, and
/// any other name, gets 404, so no path can leave the media folder. The type comes from the extension the
/// server chose when it stored the file (never sniffed, never the sender's claim), with `nosniff`.
struct MediaController: Sendable {
    let media: MediaStorage
    let records: AdminRecordStore
    /// The resources with a file field, by slug (the folders files are stored under).
    let resources: [String: AdminResource]

    nonisolated(unsafe) private static let storedName = /([0-9a-f]{32})\.(png|jpg|webp)/

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(MediaURL.file(folder: .key, name: .key), use: file)
    }

    @Sendable func file(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let folder = context.parameters.get("folder"), let resource = resources[folder],
              let name = context.parameters.get("name"), let match = name.wholeMatch(of: Self.storedName),
              let kind = UploadKind.allCases.first(where: { $0.fileExtension == match.output.2 })
        else { throw AppError.notFound }
        let relative = folder + "/" + name
        guard resource.allows(.view, for: context.user), try await records.holdsFile(relative, resource: resource, for: context.user),
              let bytes = try await media.contents(of: relative)
        else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = kind.contentType
        headers[.xContentTypeOptions] = "nosniff"
        headers[.contentDisposition] = "inline"
        headers[.cacheControl] = "private, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The site's resources with a file field, by slug.
    static func resources(of site: AdminSite) -> [String: AdminResource] {
        Dictionary(uniqueKeysWithValues: site.resources.filter { $0.form.fields.contains(where: \.isFile) }.map { ($0.slug, $0) })
    }
}
