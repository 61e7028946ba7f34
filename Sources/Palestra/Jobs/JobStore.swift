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
        let statement = insertStatement(
            kind: kind, queue: queue, maxAttempts: maxAttempts, options: options, parameters: [arguments], rows: "unnest($1::text[]) AS arguments"
        )
        return try await connection.query(statement.sql, statement.parameters).map { try $0.decode("id") }
    }

    /// The statement that inserts jobs, one per row of `rows` (an SQL row source with a text column `arguments`,
    /// the job's JSON), and notifies the workers at commit. `with` is written ahead of it as common table
    /// expressions `rows` may read (one statement: the rows that make the jobs and the jobs in one round trip).
    /// `parameters` are `$1…` of `with` and `rows`; the statement's own follow. One row per job inserted, ordered by
    /// its first column: `returning`, over the inserted job's `id` and `args`.
    static func insertStatement(
        kind: String, queue: String, maxAttempts: Int, options: JobOptions,
        with prelude: String? = nil, parameters: [(any PostgresEncodable)?], rows: String, returning: String = "id"
    ) -> PostgresStatement {
        let own = (1...7).map { "$\(parameters.count + $0)" }
        return PostgresStatement(
            """
            WITH \(prelude.map { $0 + ",\n" } ?? "")inserted AS (
                INSERT INTO jobs (queue, kind, args, state, priority, run_at, max_attempts, unique_key, unique_until_started)
                SELECT \(own[0]), \(own[1]), arguments::jsonb,
                       CASE WHEN \(own[2])::timestamptz > now() THEN 'scheduled' ELSE 'available' END,
                       \(own[3]), coalesce(\(own[2])::timestamptz, now()), \(own[4]), \(own[5]), \(own[6])
                FROM \(rows)
                ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL AND state IN \(unfinished) DO NOTHING
                RETURNING id, state, args
            )
            SELECT \(returning), CASE WHEN state = 'available' THEN pg_notify('\(JobQueue.channel)', \(own[0])) END AS notified
            FROM inserted ORDER BY 1
            """,
            parameters + [queue, kind, options.runAt, options.priority, maxAttempts, options.uniqueKey, options.uniqueUntilStarted]
        )
    }
}
