import Foundation
@testable import Palestra
import Postgres
import TestSupport

/// Jobs written straight in SQL, in any state, for the dashboard and metrics tests.
enum TestJobs {
    /// Inserts one job and returns its id. Times are SQL expressions relative to the database clock
    /// (`now() - interval '5 minutes'`); `errors` is a JSON array.
    @discardableResult
    static func insert(
        _ database: TestDatabase, kind: String = "send_email", state: JobState = .available, queue: String = "default",
        args: String = "{}", attempt: Int = 0, maxAttempts: Int = 20, errors: String = "[]", uniqueKey: String? = nil,
        runAt: String = "now()", createdAt: String = "now()", attemptedAt: String = "NULL", finalizedAt: String? = nil,
        lockedBy: String? = nil
    ) async throws -> Int {
        let finalized = finalizedAt ?? (state.isFinished ? "now()" : "NULL")
        return try await database.value(
            """
            INSERT INTO jobs (kind, state, queue, args, attempt, max_attempts, errors, unique_key, locked_by,
                              run_at, created_at, attempted_at, finalized_at)
            VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8, $9, \(runAt), \(createdAt), \(attemptedAt), \(finalized))
            RETURNING id
            """,
            [kind, state.rawValue, queue, args, attempt, maxAttempts, errors, uniqueKey, lockedBy]
        )
    }

    /// A worker process's row, its last heartbeat `silentSeconds` ago.
    static func insertWorker(_ database: TestDatabase, id: String, host: String, pid: Int, silentSeconds: Int) async throws {
        try await database.run(
            """
            INSERT INTO job_workers (id, host, pid, slots, started_at, heartbeat_at)
            VALUES ($1, $2, $3, 4, now() - interval '1 hour', now() - $4 * interval '1 second')
            """,
            [id, host, pid, silentSeconds]
        )
    }
}
