import Foundation
import Postgres

/// What the dashboard reads from the database.
struct DashboardStore: Sendable {
    let database: PostgresClient

    struct SchemaState: Sendable {
        let migrationCount: Int
        let latestMigration: String?
        let latestAppliedAt: Date?
    }

    func schemaState() async throws -> SchemaState {
        // A server started with --no-migrate on an empty database has no schema_migrations yet.
        let exists = try await database.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present")
        guard try exists.first?.decode("present", as: Bool.self) == true else {
            return SchemaState(migrationCount: 0, latestMigration: nil, latestAppliedAt: nil)
        }
        let rows = try await database.query("""
            SELECT count(*) OVER () AS migration_count, name, applied_at
            FROM schema_migrations
            ORDER BY version DESC
            LIMIT 1
            """)
        guard let row = rows.first else {
            return SchemaState(migrationCount: 0, latestMigration: nil, latestAppliedAt: nil)
        }
        return SchemaState(
            migrationCount: try row.decode("migration_count"),
            latestMigration: try row.decode("name"),
            latestAppliedAt: try row.decode("applied_at")
        )
    }
}
