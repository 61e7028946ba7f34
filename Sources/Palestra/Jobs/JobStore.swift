import Foundation
import Postgres

/// All of the queue's SQL: insert, claim, complete, fail, heartbeat, rescue, hand back, prune.
/// Every time comes from the database clock.
enum JobStore {
    static let unfinished = "('available', 'scheduled', 'running', 'retryable')"

    /// Inserts jobs (one per arguments value) and notifies the workers at commit; ids of those inserted.
    static func insert(
        kind: String, queue: String, arguments: [String], maxAttempts: Int, options: JobOptions, on connection: any PostgresQueryable
    ) async throws -> [Int] {
        let rows = try await connection.query(
            """
            WITH inserted AS (
                INSERT INTO jobs (queue, kind, args, state, priority, run_at, max_attempts, unique_key, unique_until_started)
                SELECT $1, $2, arguments::jsonb,
                       CASE WHEN $3::timestamptz > now() THEN 'scheduled' ELSE 'available' END,
                       $4, coalesce($3::timestamptz, now()), $5, $6, $8
                FROM unnest($7::text[]) AS arguments
                ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN \(unfinished) DO NOTHING
                RETURNING id, state
            )
            SELECT id, CASE WHEN state = 'available' THEN pg_notify('\(JobQueue.channel)', $1) END AS notified
            FROM inserted ORDER BY id
            """,
            [queue, kind, options.runAt, options.priority, maxAttempts, options.uniqueKey, arguments, options.uniqueUntilStarted]
        )
        return try rows.map { try $0.decode("id") }
    }
}
