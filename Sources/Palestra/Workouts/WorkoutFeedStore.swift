import Postgres

/// The secrets of users' calendar links (`/workouts/feed/<token>/workouts.ics`): made on first use, replaced on rotation.
struct WorkoutFeedStore: Sendable {
    let database: PostgresClient

    /// The user's token, made now when they have none.
    func token(owner: Int) async throws -> String {
        try await database.query(
            """
            WITH made AS (
                INSERT INTO workout_calendar_feeds (owner_id, token) VALUES ($1, $2)
                ON CONFLICT (owner_id) DO NOTHING RETURNING token
            )
            SELECT token FROM made UNION ALL SELECT token FROM workout_calendar_feeds WHERE owner_id = $1
            LIMIT 1
            """,
            [owner, Self.newToken()]
        ).first!.decode("token")
    }

    /// A new token in place of the old one (which stops working at once).
    func rotate(owner: Int) async throws -> String {
        try await database.query(
            """
            INSERT INTO workout_calendar_feeds (owner_id, token) VALUES ($1, $2)
            ON CONFLICT (owner_id) DO UPDATE SET token = excluded.token, created_at = now()
            RETURNING token
            """,
            [owner, Self.newToken()]
        ).first!.decode("token")
    }

    /// The owner of a token, if it is current.
    func owner(token: String) async throws -> Int? {
        guard token.utf8.count == 43 else { return nil }
        return try await database.query("SELECT owner_id FROM workout_calendar_feeds WHERE token = $1", [token]).first?.decode("owner_id")
    }

    /// 256 random bits, URL-safe Base64 (43 characters), as session tokens are made.
    static func newToken() -> String { SessionToken.make() }
}
