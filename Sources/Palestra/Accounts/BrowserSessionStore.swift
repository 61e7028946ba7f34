import Foundation
import Postgres

/// Sessions in PostgreSQL. The table holds the SHA-256 of each token, never the token.
public struct BrowserSessionStore: Sendable {
    let database: PostgresClient
    let settings: BrowserSessionSettings

    public init(database: PostgresClient, settings: BrowserSessionSettings) {
        self.database = database
        self.settings = settings
    }

    /// The live session for a cookie's token: not past its lifetime, not idle too long, and (when it
    /// has a user) that user still active. Writes `last_seen_at` at most once a minute. The data's version comes
    /// in the same round trip (Migrations/0020_data_version.sql).
    func load(token: String) async throws -> BrowserSession? {
        guard SessionToken.isWellFormed(token) else { return nil }
        let rows = try await database.query(
            """
            SELECT s.csrf_token, s.flashes::text AS flashes,
                   s.last_seen_at < now() - $3 * interval '1 second' AS stale,
                   u.id, u.email::text AS email, u.display_name, u.role, u.language,
                   -- The header's badge: unread notifications, counted on the partial index up to a limit (written into the
                   -- statement: a LIMIT parameter made PostgreSQL plan it again for every request).
                   (SELECT count(*)::int FROM (
                        SELECT 1 FROM notifications n WHERE n.recipient_id = u.id AND n.read_at IS NULL LIMIT \(NotificationStore.unreadCountLimit)
                    ) AS unread) AS unread_notifications,
                   \(DataVersion.columns)\(Self.factColumns)
            FROM sessions s
            LEFT JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = sha256(convert_to($1, 'UTF8'))
              AND s.expires_at > now()
              AND s.last_seen_at > now() - $2 * interval '1 second'
              AND (s.user_id IS NULL OR u.is_active)
            """,
            [token, settings.idleTimeout.wholeSeconds, BrowserSessionSettings.touchInterval.wholeSeconds]
        )
        guard let row = rows.first else { return nil }
        if try row.decode("stale", as: Bool.self) {
            try await database.execute(
                "UPDATE sessions SET last_seen_at = now() WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [token]
            )
        }
        // A pre-login session has no user: its user columns are NULL.
        var user = try row.decode("id", as: Int?.self) == nil ? nil : try User(row: row)
        for (index, fact) in UserFact.all.enumerated() where try row.decode(Self.factColumnNames[index], as: Bool?.self) == true {
            user?.facts.insert(fact.name)
        }
        // Most requests carry no flash message: the empty list is not worth a JSON decoder.
        let flashesJSON: String = try row.decode("flashes")
        let flashes = flashesJSON == "[]" ? [] : (try? JSONDecoder().decode([FlashMessage].self, from: Data(flashesJSON.utf8))) ?? []
        return BrowserSession(
            token: token, csrfToken: try row.decode("csrf_token"), user: user, flashes: flashes,
            unreadNotifications: try row.decode("unread_notifications"), dataVersion: DataVersion(
                changes: try row.decode("data_changes"), quarterHour: try row.decode("data_quarter_hour"),
                serverStarted: try row.decode("data_server_started")
            )
        )
    }

    /// The areas' ``UserFact``s as columns `fact_0`, `fact_1`…
    private static let factColumns = UserFact.all.enumerated().map { index, fact in ",\n(\(fact.sql)) AS \(factColumnNames[index])" }.joined()
    private static let factColumnNames = UserFact.all.indices.map { "fact_\($0)" }

    /// A pre-login session: a CSRF token for the login form (and other public forms), no user.
    func startAnonymous() async throws -> BrowserSession {
        let session = BrowserSession(token: SessionToken.make(), csrfToken: SessionToken.make(), user: nil, flashes: [], unreadNotifications: 0)
        try await purgeEnded(on: database)
        try await database.execute(
            """
            INSERT INTO sessions (token_hash, csrf_token, expires_at)
            VALUES (sha256(convert_to($1, 'UTF8')), $2, now() + $3 * interval '1 second')
            """,
            [session.token, session.csrfToken, BrowserSessionSettings.anonymousLifetime.wholeSeconds]
        )
        return session
    }

    /// Signs `user` in: the browser's previous session (if any) is deleted and a new one, with a new
    /// token, takes its place, so a token planted before sign-in is worth nothing afterwards.
    func signIn(_ user: User, replacing previous: BrowserSession?, on connection: PostgresConnection) async throws -> BrowserSession {
        if let previous {
            try await connection.execute("DELETE FROM sessions WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [previous.token])
        }
        try await purgeEnded(on: connection)
        let session = BrowserSession(
            token: SessionToken.make(), csrfToken: SessionToken.make(), user: user, flashes: [], unreadNotifications: 0
        )
        try await connection.execute(
            """
            INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at)
            VALUES (sha256(convert_to($1, 'UTF8')), $2, $3, now() + $4 * interval '1 second')
            """,
            [session.token, user.id, session.csrfToken, settings.lifetime.wholeSeconds]
        )
        try await connection.execute("UPDATE users SET last_login_at = now() WHERE id = $1", [user.id])
        return session
    }

    /// Sessions past their lifetime or idle too long go whenever one starts, a few at a time, so the
    /// table stays as small as the sessions in use (pre-login ones included).
    private func purgeEnded(on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            DELETE FROM sessions WHERE token_hash IN (
                (SELECT token_hash FROM sessions WHERE expires_at < now() LIMIT 100)
                UNION ALL
                (SELECT token_hash FROM sessions WHERE last_seen_at < now() - $1 * interval '1 second' LIMIT 100)
            )
            """,
            [settings.idleTimeout.wholeSeconds]
        )
    }

    /// Deletes every ended session and login attempts older than a day (the daily purge job).
    func purgeAllEnded() async throws -> Int {
        let sessions = try await database.execute(
            "DELETE FROM sessions WHERE expires_at < now() OR last_seen_at < now() - $1 * interval '1 second'",
            [settings.idleTimeout.wholeSeconds]
        )
        let attempts = try await database.execute("DELETE FROM login_attempts WHERE attempted_at < now() - interval '1 day'")
        let devices = try await database.execute(
            "DELETE FROM login_devices WHERE last_used_at < now() - $1 * interval '1 second'", [LoginDeviceCookie.lifetime.wholeSeconds]
        )
        return sessions + attempts + devices
    }

    /// Ends one session (logout).
    func end(_ session: BrowserSession, on connection: PostgresConnection) async throws {
        try await connection.execute("DELETE FROM sessions WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [session.token])
    }

    /// Counts the sessions of the users whose ids are in `$1` (the users' delete confirmation).
    static let countOfUsersSQL = "SELECT count(*)::int FROM sessions WHERE user_id = ANY($1::bigint[])"

    /// Ends every session of a user but `keeping` (a password change keeps the session that made it).
    static func endAll(ofUser userID: Int, keeping: BrowserSession? = nil, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            DELETE FROM sessions
            WHERE user_id = $1 AND ($2::text IS NULL OR token_hash <> sha256(convert_to($2, 'UTF8')))
            """,
            [userID, keeping?.token]
        )
    }

    /// Leaves a message for the next page this session shows.
    func addFlash(_ flash: FlashMessage, to session: BrowserSession) async throws {
        try await database.execute(
            "UPDATE sessions SET flashes = flashes || $2::jsonb WHERE token_hash = sha256(convert_to($1, 'UTF8'))",
            [session.token, PostgresJSON([flash])]
        )
    }

    /// Forgets the messages a page has just shown (only those: one another tab added meanwhile stays).
    func clearFlashes(of session: BrowserSession) async throws {
        try await database.execute(
            """
            UPDATE sessions SET flashes = coalesce(
                (SELECT jsonb_agg(element ORDER BY position)
                 FROM jsonb_array_elements(flashes) WITH ORDINALITY AS shown(element, position)
                 WHERE position > $2), '[]')
            WHERE token_hash = sha256(convert_to($1, 'UTF8'))
            """,
            [session.token, session.flashes.count]
        )
    }
}
