import Foundation
import Hummingbird

/// Uploaded files for signed-in users: `/media/<folder>/<32 hex digits>.<png|jpg|webp>`, where the
/// folder is the slug of an admin resource with a file field. The type comes from the extension the
/// server chose when it stored the file (never sniffed, never the sender's claim), with `nosniff`;
/// any other name is a 404, so no path can leave the media folder.
struct MediaController: Sendable {
    let media: MediaStorage
    /// The folders files are stored under.
    let folders: Set<String>

    nonisolated(unsafe) private static let storedName = /([0-9a-f]{32})\.(png|jpg|webp)/

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(MediaURL.file(folder: .key, name: .key), use: file)
    }

    @Sendable func file(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let folder = context.parameters.get("folder"), folders.contains(folder),
              let name = context.parameters.get("name"), let match = name.wholeMatch(of: Self.storedName),
              let kind = UploadKind.allCases.first(where: { $0.fileExtension == match.output.2 })
        else { throw AppError.notFound }
        guard let bytes = try await media.contents(of: folder + "/" + name) else { throw AppError.notFound }
        var headers = HTTPFields()
        headers[.contentType] = kind.contentType
        headers[.xContentTypeOptions] = "nosniff"
        headers[.contentDisposition] = "inline"
        headers[.cacheControl] = "private, max-age=86400"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The slugs of the site's resources with a file field.
    static func folders(of site: AdminSite) -> Set<String> {
        Set(site.resources.filter { resource in
            resource.form.fields.contains { if case .file = $0.kind { true } else { false } }
        }.map(\.slug))
    }
}
