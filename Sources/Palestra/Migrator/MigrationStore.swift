import Postgres

/// The SQL of the migration runner, all on one connection (the advisory lock belongs to its session).
struct MigrationStore {
    let connection: PostgresConnection

    /// A key no other part of Palestra uses for an advisory lock.
    static let lockKey = 0x5041_4C45_5354_5241 as Int64 // "PALESTRA"

    struct AppliedMigration {
        let version: Int
        let name: String
        let checksum: String
    }

    func lock() async throws {
        try await connection.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
    }

    func unlock() async throws {
        try await connection.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
    }

    func createTableIfNeeded() async throws {
        try await connection.execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """)
    }

    func applied() async throws -> [AppliedMigration] {
        try await connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").map { row in
            AppliedMigration(version: try row.decode("version"), name: try row.decode("name"), checksum: try row.decode("checksum"))
        }
    }

    /// SHA-256 of each text, in hex, as PostgreSQL computes it; in the order given, in one query.
    func checksums(of texts: [String]) async throws -> [String] {
        try await connection.query("""
            SELECT encode(sha256(convert_to(text, 'UTF8')), 'hex') AS checksum
            FROM unnest($1::text[]) WITH ORDINALITY AS file(text, position)
            ORDER BY position
            """, [texts]).map { try $0.decode("checksum") }
    }

    /// Runs a migration's script and records it, in one transaction.
    func apply(_ file: MigrationFile, checksum: String) async throws {
        try await connection.execute("BEGIN")
        do {
            try await connection.executeScript(file.sql)
            try await connection.execute(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
                [file.version, file.name, checksum]
            )
            try await connection.execute("COMMIT")
        } catch {
            _ = try? await connection.execute("ROLLBACK")
            throw error
        }
    }
}
