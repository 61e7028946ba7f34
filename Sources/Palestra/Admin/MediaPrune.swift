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
            let held = try await AdminRecordStore.heldFiles(of: resource, on: database)
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
