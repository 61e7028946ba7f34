import Postgres

/// Rate-limit counters in PostgreSQL, shared by every server process: one upsert per request.
///
/// Each (bucket, address) has one row. A window opens at the address's first request and lasts the
/// limit's length; a request after it ends opens the next one (a fixed window per address, so at most
/// `limit` requests in any window, and twice that across two adjacent ones). Concurrent requests
/// queue on the row's lock, so exactly `limit` of them get through.
public struct RateLimitStore: Sendable {
    let database: PostgresClient

    public init(database: PostgresClient) {
        self.database = database
    }

    /// Counts a request; `nil` when it is within the limit, else how long until the window ends
    /// (whole seconds, at least one).
    func hit(_ limit: RateLimit, address: String) async throws -> Int? {
        let rows = try await database.query(
            """
            INSERT INTO rate_limits AS r (bucket, address, hits, window_ends_at)
            VALUES ($1, $2, 1, now() + $3 * interval '1 second')
            ON CONFLICT (bucket, address) DO UPDATE SET
                hits = CASE WHEN r.window_ends_at <= now() THEN 1 ELSE least(r.hits, $4) + 1 END,
                window_ends_at = CASE WHEN r.window_ends_at <= now() THEN excluded.window_ends_at ELSE r.window_ends_at END
            RETURNING hits, greatest(1, ceil(extract(epoch FROM r.window_ends_at - now())))::int AS seconds_left
            """,
            [limit.bucket, address, limit.window.wholeSeconds, limit.limit]
        )
        guard let row = rows.first else { return nil }
        let hits = try row.decode("hits", as: Int.self)
        if hits == 1 { try await purgeEnded() }
        return hits > limit.limit ? try row.decode("seconds_left", as: Int.self) : nil
    }

    /// Ended windows go a few at a time whenever a window opens, so the table holds only live ones.
    /// Rows another request is deleting are skipped, never waited for.
    private func purgeEnded() async throws {
        try await database.execute(
            """
            DELETE FROM rate_limits WHERE (bucket, address) IN (
                SELECT bucket, address FROM rate_limits WHERE window_ends_at < now() - interval '1 second'
                LIMIT 100 FOR UPDATE SKIP LOCKED
            )
            """
        )
    }
}
