import Logging
import Postgres

/// Applies `Migrations/NNNN_name.sql` in order, each in its own transaction, under an advisory lock
/// so that processes starting together do not collide, recording each in `schema_migrations`.
///
/// It stops, naming the file, when an applied file is missing or was edited, or the numbering has a gap.
public struct Migrator: Sendable {
    let database: PostgresClient
    let directory: String
    let logger: Logger

    public init(database: PostgresClient, directory: String, logger: Logger) {
        self.database = database
        self.directory = directory
        self.logger = logger
    }

    /// Applies what is pending; returns the names of the migrations it applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        let directory = directory
        let files = try await offload { try MigrationFile.load(from: directory) }
        return try await database.withConnection { connection in
            let store = MigrationStore(connection: connection)
            try await store.lock()
            do {
                let applied = try await apply(files, store: store)
                try await store.unlock()
                return applied
            } catch {
                try? await store.unlock()
                throw error
            }
        }
    }

    private func apply(_ files: [MigrationFile], store: MigrationStore) async throws -> [String] {
        try await store.createTableIfNeeded()
        let applied = try await store.applied()
        let checksums = Dictionary(
            uniqueKeysWithValues: zip(files.map(\.version), try await store.checksums(of: files.map(\.sql)))
        )
        for migration in applied {
            guard let file = files.first(where: { $0.version == migration.version }), file.name == migration.name else {
                throw MigrationError.appliedFileMissing(file: migration.name + ".sql")
            }
            guard checksums[file.version] == migration.checksum else {
                throw MigrationError.checksumChanged(file: file.fileName)
            }
        }
        let appliedVersions = Set(applied.map(\.version))
        let pending = files.filter { !appliedVersions.contains($0.version) }
        if let latest = applied.last, let first = pending.first, first.version < latest.version {
            throw MigrationError.outOfOrder(file: first.fileName, latestApplied: latest.name + ".sql")
        }
        for file in pending {
            do {
                try await store.apply(file, checksum: checksums[file.version] ?? "")
            } catch let error as PostgresError where !error.isConnectionProblem {
                throw MigrationError.failed(file: file.fileName, reason: "\(error)")
            }
            logger.info("applied migration \(file.fileName)")
        }
        return pending.map(\.name)
    }
}
