import Foundation
import Postgres

/// Login attempts in PostgreSQL, so throttling holds across processes and restarts.
struct LoginAttemptStore: Sendable {
    let database: PostgresClient
    let policy: LoginThrottlePolicy

    /// Until when attempts for this account or from this address are refused; `nil` when they are not.
    ///
    /// An account is locked while its `accountLimit`-th latest failure (since its last success) is
    /// inside the window; the lock lifts when that failure leaves the window. Likewise per address.
    func lockedUntil(email: String, address: String) async throws -> Date? {
        let rows = try await database.query(
            """
            SELECT greatest(
                (SELECT attempted_at FROM login_attempts
                 WHERE email = $1 AND NOT succeeded AND attempted_at > now() - $3 * interval '1 second'
                   AND attempted_at > coalesce(
                       (SELECT max(attempted_at) FROM login_attempts WHERE email = $1 AND succeeded), '-infinity')
                 ORDER BY attempted_at DESC OFFSET $4 LIMIT 1),
                (SELECT attempted_at FROM login_attempts
                 WHERE address = $2 AND NOT succeeded AND attempted_at > now() - $3 * interval '1 second'
                 ORDER BY attempted_at DESC OFFSET $5 LIMIT 1)
            ) + $3 * interval '1 second' AS locked_until
            """,
            [email, address, policy.window.wholeSeconds, policy.accountLimit - 1, policy.addressLimit - 1]
        )
        return try rows.first?.decode("locked_until", as: Date?.self)
    }

    func record(email: String, address: String, succeeded: Bool, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            "INSERT INTO login_attempts (email, address, succeeded) VALUES ($1, $2, $3)",
            [email, address, succeeded]
        )
        // Attempts older than a day help nobody: they go a few at a time.
        try await connection.execute(
            """
            DELETE FROM login_attempts WHERE id IN (
                SELECT id FROM login_attempts WHERE attempted_at < now() - interval '1 day' LIMIT 100
            )
            """
        )
    }
}
