import Postgres

/// The account queries that are not the admin engine's: credentials, passwords, language, creation.
public struct UserStore: Sendable {
    let database: PostgresClient

    public init(database: PostgresClient) {
        self.database = database
    }

    func credentials(email: String) async throws -> StoredCredentials? {
        try await credentials(where: "email = $1", email)
    }

    func credentials(userID: Int) async throws -> StoredCredentials? {
        try await credentials(where: "id = $1", userID)
    }

    /// `condition` is one of the two fixed conditions above; the value is bound.
    private func credentials(where condition: String, _ value: any PostgresEncodable) async throws -> StoredCredentials? {
        let rows = try await database.query(
            """
            SELECT id, email::text AS email, display_name, role, language, is_active, password_hash
            FROM users WHERE \(condition)
            """,
            [value]
        )
        return try rows.first.map(Self.credentials(from:))
    }

    private static func credentials(from row: PostgresRow) throws -> StoredCredentials {
        StoredCredentials(
            user: try User(row: row),
            passwordHash: try row.decode("password_hash"),
            isActive: try row.decode("is_active")
        )
    }

    /// Replaces a password hash (a re-hash at login keeps `version`: the user's data did not change).
    func replacePasswordHash(userID: Int, with hash: String, bumpVersion: Bool, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            UPDATE users SET password_hash = $2,
                version = version + CASE WHEN $3 THEN 1 ELSE 0 END,
                updated_at = CASE WHEN $3 THEN now() ELSE updated_at END
            WHERE id = $1
            """,
            [userID, hash, bumpVersion]
        )
    }

    /// Sets (or, with `nil`, clears) the user's interface language.
    func setLanguage(userID: Int, to language: Language?) async throws {
        try await database.execute(
            "UPDATE users SET language = $2, updated_at = now(), version = version + 1 WHERE id = $1",
            [userID, language?.rawValue]
        )
    }

    /// Creates a user; `PostgresError.uniqueViolation` when the email is taken.
    static func insert(
        email: String, displayName: String, role: Role, passwordHash: String, on connection: any PostgresQueryable
    ) async throws -> Int {
        let rows = try await connection.query(
            """
            INSERT INTO users (email, display_name, role, password_hash)
            VALUES ($1, $2, $3, $4) RETURNING id
            """,
            [email, displayName, role.rawValue, passwordHash]
        )
        return try rows[0].decode("id")
    }

    /// How many users exist (the demo admin is made only when there are none).
    public func count() async throws -> Int {
        try await database.query("SELECT count(*)::int AS n FROM users")[0].decode("n")
    }
}
