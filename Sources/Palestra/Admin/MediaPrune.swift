import Foundation
import Postgres

/// Files in the media folder that no row refers to any more (`palestra media prune`): for every resource
/// with a file field, the files under its folder that none of its rows holds. A file younger than
/// `minimumAge` is left alone, so an upload whose row is being saved right now is never taken.
public struct MediaPrune: Sendable {
    let database: PostgresClient
    let media: MediaStorage
    let resources: [AdminResource]

    public init(database: PostgresClient, mediaDirectory: String) {
        self.database = database
        self.media = MediaStorage(directory: mediaDirectory)
        self.resources = AdminSite.standard.resources.filter { $0.form.fields.contains(where: \.isFile) }
    }

    /// The unreferenced files (relative to the media folder, sorted); with `delete`, removed as well.
    public func run(delete: Bool, minimumAge: Duration = .seconds(3600)) async throws -> [String] {
        var orphans: [String] = []
        for resource in resources {
            let columns = resource.form.fields.filter(\.isFile).map(\.column)
            let held = Set(try await database.query(
                columns.map { "SELECT \($0)::text AS file FROM \(resource.table) WHERE \($0) IS NOT NULL" }.joined(separator: " UNION ")
            ).map { try $0.decode("file", as: String.self) })
            let stored = try await media.files(under: resource.slug, olderThan: minimumAge)
            orphans += stored.filter { !held.contains($0) }
        }
        orphans.sort()
        if delete {
            for file in orphans { await media.remove(file) }
        }
        return orphans
    }
}
