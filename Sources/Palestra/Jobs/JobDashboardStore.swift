import Foundation
import Postgres

/// The SQL of the jobs dashboard: the change list's lookups, the administrators' interventions
/// (retry, cancel, discard) and what the overview and `/metrics` read. Every time comes from the
/// database clock.
struct JobDashboardStore: Sendable {
    let database: PostgresClient

    // MARK: Lookups of the change list's filters

    /// The distinct kinds, found by skipping through `jobs_kind_state_idx` (one index probe per kind)
    /// instead of reading every row.
    static let distinctKinds = """
        WITH RECURSIVE kinds (kind) AS (
            (SELECT kind FROM jobs ORDER BY kind LIMIT 1)
            UNION ALL
            SELECT (SELECT j.kind FROM jobs AS j WHERE j.kind > kinds.kind ORDER BY j.kind LIMIT 1)
            FROM kinds WHERE kinds.kind IS NOT NULL
        )
        SELECT kind FROM kinds WHERE kind IS NOT NULL
        """

    static let kindLookup = AdminLookup(table: "(\(distinctKinds)) AS kinds", valueColumn: "kind", labelExpression: "kind")

    /// The queues of waiting jobs (skipping through `jobs_ready_idx`) and each kind's queue (its type
    /// declares it): no read of every row.
    static let queueLookup = AdminLookup(
        table: """
            (WITH RECURSIVE waiting (queue) AS (
                (SELECT queue FROM jobs WHERE state IN ('available', 'scheduled', 'retryable') ORDER BY queue LIMIT 1)
                UNION ALL
                SELECT (SELECT j.queue FROM jobs AS j
                        WHERE j.state IN ('available', 'scheduled', 'retryable') AND j.queue > waiting.queue
                        ORDER BY j.queue LIMIT 1)
                FROM waiting WHERE waiting.queue IS NOT NULL
            )
            SELECT queue FROM waiting WHERE queue IS NOT NULL
            UNION
            SELECT q.queue FROM (\(distinctKinds)) AS k
            CROSS JOIN LATERAL (SELECT queue FROM jobs WHERE jobs.kind = k.kind LIMIT 1) AS q) AS queues
            """,
        valueColumn: "queue", labelExpression: "queue"
    )

    // MARK: Interventions

    /// Why each of the jobs is left alone by `intervention` (catalog keys), by id; the others are absent.
    static func refusals(of intervention: JobIntervention, ids: [Int], on connection: any PostgresQueryable) async throws -> [Int: String] {
        let rows = try await connection.query(
            """
            SELECT wanted.id, j.state,
                   j.unique_key IS NOT NULL AND EXISTS (
                       SELECT 1 FROM jobs AS other
                       WHERE other.unique_key = j.unique_key AND other.id <> j.id
                         AND (other.state IN \(JobStore.unfinished) OR (other.id = ANY($1::bigint[]) AND other.id < j.id))
                   ) AS key_taken
            FROM unnest($1::bigint[]) AS wanted (id)
            LEFT JOIN jobs AS j ON j.id = wanted.id
            """,
            [ids]
        )
        var refused: [Int: String] = [:]
        for row in rows {
            let state = try row.decode("state", as: String?.self).flatMap(JobState.init(rawValue:))
            let keyTaken = try row.decode("key_taken", as: Bool?.self) ?? false
            if let reason = intervention.refusal(state: state, keyTaken: keyTaken) {
                refused[try row.decode("id")] = reason
            }
        }
        return refused
    }

    /// Applies `intervention` to those of the jobs it applies to (checked again here, in SQL); what
    /// changed in each. A retried job wakes the workers of its queue at commit.
    static func apply(_ intervention: JobIntervention, ids: [Int], on connection: PostgresConnection) async throws -> [AdminRowChange] {
        guard !ids.isEmpty else { return [] }
        let change: String = switch intervention {
        case .retry:
            """
            state = 'available', run_at = now(), finalized_at = NULL, max_attempts = greatest(j.max_attempts, j.attempt + 1),
            locked_by = NULL, lease_expires_at = NULL
            """
        case .cancel:
            "state = 'cancelled', finalized_at = now()"
        case .discard:
            "state = 'discarded', finalized_at = now(), locked_by = NULL, lease_expires_at = NULL"
        }
        let states: String = switch intervention {
        case .retry: "('available', 'scheduled', 'retryable', 'completed', 'discarded', 'cancelled')"
        case .cancel: "('available', 'scheduled', 'retryable')"
        case .discard: JobStore.unfinished
        }
        let rows = try await connection.query(
            """
            WITH changed AS (
                UPDATE jobs AS j SET \(change)
                FROM (SELECT id, state, run_at, finalized_at, max_attempts FROM jobs
                      WHERE id = ANY($1::bigint[]) AND state IN \(states)) AS old
                -- Checked again on the row being updated: a claim that committed meanwhile must win.
                WHERE j.id = old.id AND j.state IN \(states)
                RETURNING j.id, j.queue,
                          old.state AS old_state, j.state AS new_state,
                          old.run_at::text AS old_run_at, j.run_at::text AS new_run_at,
                          old.finalized_at::text AS old_finalized_at, j.finalized_at::text AS new_finalized_at,
                          old.max_attempts::text AS old_max_attempts, j.max_attempts::text AS new_max_attempts
            )
            SELECT *, CASE WHEN new_state = 'available' THEN pg_notify('\(JobQueue.channel)', queue) END AS notified
            FROM changed ORDER BY id
            """,
            [ids]
        )
        return try rows.map { row in
            var changes: [FieldChange] = []
            for field in ["state", "run_at", "finalized_at", "max_attempts"] {
                let old = try row.decode("old_" + field, as: String?.self)
                let new = try row.decode("new_" + field, as: String?.self)
                if old != new { changes.append(FieldChange(field: field, old: old, new: new)) }
            }
            return AdminRowChange(id: try row.decode("id"), changes: changes)
        }
    }
}
