import Foundation
import Postgres

/// The workers' statements: claim, complete, fail, heartbeat, rescue, hand back, prune, periodic fires.
extension JobStore {
    /// Claims up to `limit` ready jobs of `queues` for `worker`, oldest first within a priority,
    /// skipping rows other workers are claiming at the same moment.
    static func claim(queues: [String], limit: Int, worker: String, leaseSeconds: Int, on database: PostgresClient) async throws -> [ClaimedJob] {
        let rows = try await database.query(
            """
            WITH next AS (
                SELECT id FROM jobs
                WHERE state IN ('available', 'scheduled', 'retryable') AND queue = ANY($1::text[]) AND run_at <= now()
                ORDER BY priority, run_at, id
                LIMIT $2
                FOR UPDATE SKIP LOCKED
            )
            UPDATE jobs AS j
            SET state = 'running', attempt = j.attempt + 1, locked_by = $3, attempted_at = now(),
                unique_key = CASE WHEN j.unique_until_started THEN NULL ELSE j.unique_key END,
                lease_expires_at = now() + $4 * interval '1 second'
            FROM next WHERE j.id = next.id
            RETURNING j.id, j.kind, j.args::text AS args, j.attempt, j.max_attempts,
                      extract(epoch FROM now() - j.run_at)::float8 AS waited
            """,
            [queues, limit, worker, leaseSeconds]
        )
        return try rows.map { row in
            ClaimedJob(
                id: try row.decode("id"), kind: try row.decode("kind"), arguments: try row.decode("args"),
                attempt: try row.decode("attempt"), maxAttempts: try row.decode("max_attempts"), waitedSeconds: try row.decode("waited")
            )
        }
    }

    /// Marks jobs completed, if they are still this worker's (a rescued job is someone else's now).
    @discardableResult
    static func complete(_ ids: [Int], worker: String, on database: PostgresClient) async throws -> Int {
        try await database.execute(
            """
            UPDATE jobs SET state = 'completed', finalized_at = now(), locked_by = NULL, lease_expires_at = NULL
            WHERE id = ANY($1::bigint[]) AND state = 'running' AND locked_by = $2
            """,
            [ids, worker]
        )
    }

    /// Records a failed attempt: retryable after `retryDelay` seconds, or discarded after its last attempt.
    @discardableResult
    static func fail(_ id: Int, worker: String, error: String, retryDelay: Double, on database: PostgresClient) async throws -> Int {
        try await database.execute(
            """
            UPDATE jobs SET
                errors = errors || jsonb_build_array(jsonb_build_object(
                    'attempt', attempt, 'at', now(), 'error', $3::text,
                    'retry_at', CASE WHEN attempt < max_attempts THEN now() + $4 * interval '1 second' END)),
                state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
                finalized_at = CASE WHEN attempt >= max_attempts THEN now() END,
                run_at = now() + $4 * interval '1 second',
                locked_by = NULL, lease_expires_at = NULL
            WHERE id = $1 AND state = 'running' AND locked_by = $2
            """,
            [id, worker, String(error.prefix(2000)), retryDelay]
        )
    }

    /// Gives jobs back to the queue without counting the attempt (a worker stopping before they finished).
    static func handBack(_ ids: [Int], worker: String, on database: PostgresClient) async throws {
        try await database.execute(
            """
            UPDATE jobs SET state = 'available', attempt = greatest(attempt - 1, 0), run_at = now(),
                locked_by = NULL, lease_expires_at = NULL
            WHERE id = ANY($1::bigint[]) AND state = 'running' AND locked_by = $2
            """,
            [ids, worker]
        )
    }

    /// Renews the leases of the jobs this worker still runs (`running`: not those whose end it failed to
    /// record — their leases must lapse so the sweeper returns them) and its own heartbeat.
    static func heartbeat(worker: WorkerIdentity, running: [Int], leaseSeconds: Int, on database: PostgresClient) async throws {
        try await database.execute(
            """
            WITH leases AS (
                UPDATE jobs SET lease_expires_at = now() + $5 * interval '1 second'
                WHERE id = ANY($6::bigint[]) AND state = 'running' AND locked_by = $1
            )
            INSERT INTO job_workers (id, host, pid, slots) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()
            """,
            [worker.id, worker.host, worker.pid, worker.slots, leaseSeconds, running]
        )
    }

    static func removeWorker(_ id: String, on database: PostgresClient) async throws {
        try await database.execute("DELETE FROM job_workers WHERE id = $1", [id])
    }

    /// Returns the jobs whose lease ran out (their worker died or hung) to the queue, each with an
    /// error saying so; those out of attempts are discarded. Also forgets workers silent for a day.
    @discardableResult
    static func rescueExpired(on database: PostgresClient) async throws -> Int {
        let rescued = try await database.execute(
            """
            UPDATE jobs SET
                errors = errors || jsonb_build_array(jsonb_build_object(
                    'attempt', attempt, 'at', now(), 'error', 'the lease of worker ' || coalesce(locked_by, '?') || ' expired')),
                state = CASE WHEN attempt >= max_attempts THEN 'discarded' ELSE 'retryable' END,
                finalized_at = CASE WHEN attempt >= max_attempts THEN now() END,
                -- At once the first time (its worker most likely just died); then backing off, so a job
                -- that kills its process does not take down a fresh worker every lease.
                run_at = now() + CASE WHEN attempt <= 1 THEN 0 ELSE 15 + power(attempt, 4) END * interval '1 second',
                locked_by = NULL, lease_expires_at = NULL
            WHERE state = 'running' AND lease_expires_at < now()
            """
        )
        try await database.execute("DELETE FROM job_workers WHERE heartbeat_at < now() - interval '1 day'")
        return rescued
    }

    static let pruneBatch = 10_000

    /// Deletes finished jobs older than the retention, a batch at a time; how many went.
    static func prune(olderThanSeconds retention: Int, on database: any PostgresQueryable) async throws -> Int {
        try await database.execute(
            """
            DELETE FROM jobs WHERE id IN (
                SELECT id FROM jobs
                WHERE finalized_at < now() - $1 * interval '1 second' AND state IN ('completed', 'discarded', 'cancelled')
                ORDER BY finalized_at
                LIMIT 10000
            )
            """,
            [retention]
        )
    }

    /// Records one fire of a periodic job; true when this call was first (and should enqueue it).
    static func recordFire(name: String, at fireTime: Date, on connection: PostgresConnection) async throws -> Bool {
        try await connection.query(
            "INSERT INTO periodic_runs (name, fire_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING name",
            [name, fireTime]
        ).count == 1
    }

    static func attachJob(_ jobID: Int?, toFire name: String, at fireTime: Date, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE periodic_runs SET job_id = $3 WHERE name = $1 AND fire_at = $2", [name, fireTime, jobID])
    }

    /// The database's clock.
    static func now(on database: PostgresClient) async throws -> Date {
        try await database.query("SELECT now() AS now")[0].decode("now")
    }
}
