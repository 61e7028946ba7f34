import Foundation
import Postgres

/// What the overview page and `/metrics` read.
extension JobDashboardStore {
    /// How many jobs of a kind are in a state.
    struct StateCount: Sendable, Equatable {
        let kind: String
        let state: String
        let count: Int
    }

    /// The latest fire of a periodic job: when, the job it enqueued and that job's state (both `nil`
    /// when nothing was enqueued, or the job has since been pruned).
    struct PeriodicFire: Sendable, Equatable {
        let fireAt: Date
        let jobID: Int?
        let jobState: String?
    }

    /// A worker process as its heartbeats describe it.
    struct WorkerStatus: Sendable, Equatable {
        let id: String
        let host: String
        let pid: Int
        let slots: Int
        let startedAt: Date
        let heartbeatAt: Date
        /// Seconds since the last heartbeat, on the database's clock.
        let silentSeconds: Int
        /// It beat within ``aliveWindowSeconds``.
        let isAlive: Bool
    }

    /// Run times of recently completed jobs, bucketed for a histogram.
    struct DurationHistogram: Sendable, Equatable {
        /// Jobs at or under each bound (cumulative), in the order of the bounds asked for.
        let cumulativeCounts: [Int]
        let sum: Double
        let count: Int
    }

    /// A worker whose last heartbeat is older than this is shown as stale, and not counted alive.
    static let aliveWindowSeconds = 30
    /// The window of the duration histogram and the failure count.
    static let recentWindowSeconds = 600

    /// Jobs by kind and state, every row counted (an index-only scan of `jobs_kind_state_idx`).
    func stateCounts() async throws -> [StateCount] {
        let rows = try await database.query(
            "SELECT kind, state, count(*)::bigint AS n FROM jobs GROUP BY kind, state ORDER BY kind, state"
        )
        return try rows.map { StateCount(kind: try $0.decode("kind"), state: try $0.decode("state"), count: try $0.decode("n")) }
    }

    /// The latest fire of each named periodic job (names never fired are absent).
    func latestFires(of names: [String]) async throws -> [String: PeriodicFire] {
        guard !names.isEmpty else { return [:] }
        let rows = try await database.query(
            """
            SELECT wanted.name, latest.fire_at, latest.job_id, j.state
            FROM unnest($1::text[]) AS wanted (name)
            CROSS JOIN LATERAL (
                SELECT fire_at, job_id FROM periodic_runs WHERE periodic_runs.name = wanted.name ORDER BY fire_at DESC LIMIT 1
            ) AS latest
            LEFT JOIN jobs AS j ON j.id = latest.job_id
            """,
            [names]
        )
        var fires: [String: PeriodicFire] = [:]
        for row in rows {
            fires[try row.decode("name")] = PeriodicFire(
                fireAt: try row.decode("fire_at"), jobID: try row.decode("job_id"), jobState: try row.decode("state")
            )
        }
        return fires
    }

    /// Worker processes, the living first, then by host and process id (the sweeper forgets those silent for a day).
    func workers() async throws -> [WorkerStatus] {
        let rows = try await database.query(
            """
            SELECT id, host, pid, slots, started_at, heartbeat_at,
                   greatest(floor(extract(epoch FROM now() - heartbeat_at)), 0)::bigint AS silent,
                   heartbeat_at >= now() - $1 * interval '1 second' AS alive
            FROM job_workers
            ORDER BY alive DESC, host, pid, id
            LIMIT 200
            """,
            [Self.aliveWindowSeconds]
        )
        return try rows.map { row in
            WorkerStatus(
                id: try row.decode("id"), host: try row.decode("host"), pid: try row.decode("pid"), slots: try row.decode("slots"),
                startedAt: try row.decode("started_at"), heartbeatAt: try row.decode("heartbeat_at"),
                silentSeconds: try row.decode("silent"), isAlive: try row.decode("alive")
            )
        }
    }

    func aliveWorkerCount() async throws -> Int {
        try await database.query(
            "SELECT count(*)::bigint FROM job_workers WHERE heartbeat_at >= now() - $1 * interval '1 second'",
            [Self.aliveWindowSeconds]
        )[0].decode(at: 0)
    }

    /// Run times (`finalized_at - attempted_at`, the last attempt) of the jobs completed within the
    /// recent window, counted at or under each bound (`jobs_finalized_idx` finds them).
    func recentDurations(bounds: [Double]) async throws -> DurationHistogram {
        let rows = try await database.query(
            """
            WITH durations AS (
                SELECT greatest(extract(epoch FROM finalized_at - attempted_at), 0)::float8 AS seconds
                FROM jobs
                WHERE finalized_at >= now() - $2 * interval '1 second' AND state = 'completed' AND attempted_at IS NOT NULL
            )
            SELECT (SELECT count(*) FROM durations WHERE seconds <= bounds.bound)::bigint AS at_or_under,
                   (SELECT coalesce(sum(seconds), 0) FROM durations)::float8 AS total,
                   (SELECT count(*) FROM durations)::bigint AS n
            FROM unnest($1::float8[]) WITH ORDINALITY AS bounds (bound, position)
            ORDER BY bounds.position
            """,
            [bounds, Self.recentWindowSeconds]
        )
        guard let first = rows.first else { return DurationHistogram(cumulativeCounts: [], sum: 0, count: 0) }
        return DurationHistogram(
            cumulativeCounts: try rows.map { try $0.decode("at_or_under") }, sum: try first.decode("total"), count: try first.decode("n")
        )
    }

    /// Failed attempts recorded within the recent window: entries of `errors` whose `at` falls in it.
    /// Only jobs that can hold such an entry are read: those not finished, and those finished within
    /// the window (each part served by its own partial index).
    func recentFailureCount() async throws -> Int {
        try await database.query(
            """
            WITH candidates AS (
                SELECT errors FROM jobs WHERE state IN ('available', 'scheduled', 'retryable') AND errors <> '[]'
                UNION ALL
                SELECT errors FROM jobs WHERE state = 'running' AND errors <> '[]'
                UNION ALL
                SELECT errors FROM jobs WHERE finalized_at >= now() - $1 * interval '1 second' AND errors <> '[]'
            )
            SELECT count(*)::bigint
            FROM candidates CROSS JOIN LATERAL jsonb_array_elements(candidates.errors) AS entry
            -- CASE: the cast runs only on text that looks like a time (AND does not promise an order).
            WHERE CASE WHEN jsonb_typeof(entry -> 'at') = 'string' AND entry ->> 'at' ~ '^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}'
                       THEN (entry ->> 'at')::timestamptz >= now() - $1 * interval '1 second'
                       ELSE false END
            """,
            [Self.recentWindowSeconds]
        )[0].decode(at: 0)
    }
}
