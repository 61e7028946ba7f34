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
        let rows: PostgresQueryResult
        do {
            rows = try await database.query("""
                SELECT count(*) OVER () AS migration_count, name, applied_at
                FROM schema_migrations
                ORDER BY version DESC
                LIMIT 1
                """)
        } catch PostgresError.server(sqlState: "42P01", message: _) {
            // undefined_table: a server started with --no-migrate on an empty database.
            return SchemaState(migrationCount: 0, latestMigration: nil, latestAppliedAt: nil)
        }
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
