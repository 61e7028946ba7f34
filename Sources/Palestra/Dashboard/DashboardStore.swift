import Foundation
import Postgres

/// What the dashboard reads from the database: the day's sessions and the journals nobody marked
/// (administrators), athletes under the attendance warning threshold, and the state of the schema.
struct DashboardStore: Sendable {
    let database: PostgresClient

    struct SchemaState: Sendable {
        let migrationCount: Int
        let latestMigration: String?
        let latestAppliedAt: Date?
    }

    /// An athlete's attendance in one group over the dashboard's window.
    struct LowAttendance: Sendable {
        let athleteID: Int
        let athleteName: String
        let groupName: String
        /// Present or late.
        let attended: Int
        /// Held sessions with a mark (unmarked ones are not counted as absence).
        let marked: Int
    }

    func schemaState() async throws -> SchemaState {
        let rows: PostgresQueryResult
        do {
            rows = try await database.query("""
                SELECT count(*) OVER () AS migration_count, name, applied_at
                FROM schema_migrations
                ORDER BY version DESC
                LIMIT 1
                """)
        } catch PostgresError.server(sqlState: "42P01", message: _) {
            // undefined_table: a server started with --no-migrate on an empty database.
            return SchemaState(migrationCount: 0, latestMigration: nil, latestAppliedAt: nil)
        }
        guard let row = rows.first else {
            return SchemaState(migrationCount: 0, latestMigration: nil, latestAppliedAt: nil)
        }
        return SchemaState(
            migrationCount: try row.decode("migration_count"),
            latestMigration: try row.decode("name"),
            latestAppliedAt: try row.decode("applied_at")
        )
    }

    /// Every group's sessions on `day`, by time.
    func sessions(on day: CalendarDate) async throws -> [CoachSessionSummary] {
        try await database.query(
            CoachSessionSummary.selectSQL() + """

            WHERE s.session_date = $1::date
            ORDER BY s.starts_at, g.name, s.id
            """,
            [day]
        ).map(CoachSessionSummary.init(row:))
    }

    /// Sessions from `from` up to (not including) `before`, not cancelled, whose group had members and
    /// none of them marked: the most recent first, at most `limit`, and how many there are in all.
    func unmarkedSessions(from: CalendarDate, before: CalendarDate, limit: Int) async throws -> (sessions: [CoachSessionSummary], total: Int) {
        let rows = try await database.query(
            CoachSessionSummary.selectSQL(extra: ", count(*) OVER ()::int AS total") + """

            WHERE s.session_date >= $1::date AND s.session_date < $2::date AND s.status <> 'cancelled'
              AND m.members > 0 AND m.marked = 0
            ORDER BY s.session_date DESC, s.starts_at DESC, g.name, s.id
            LIMIT $3
            """,
            [from, before, limit]
        )
        return (try rows.map(CoachSessionSummary.init(row:)), try rows.first?.decode("total") ?? 0)
    }

    /// Current members whose attendance over the held sessions from `from` up to (not including)
    /// `before` is below `percent` (present or late, out of the marked ones), lowest first, at most `limit`.
    func lowAttendance(from: CalendarDate, before: CalendarDate, percent: Int, limit: Int) async throws -> [LowAttendance] {
        try await database.query(
            """
            SELECT a.id, a.full_name, g.name AS group_name,
                   count(*) FILTER (WHERE r.status IN ('present', 'late'))::int AS attended, count(r.id)::int AS marked
            FROM group_memberships gm
            JOIN athletes a ON a.id = gm.athlete_id
            JOIN training_groups g ON g.id = gm.group_id AND NOT g.is_archived
            JOIN training_sessions s ON s.group_id = gm.group_id AND s.status = 'held'
                 AND s.session_date >= $1::date AND s.session_date < $2::date
                 AND s.session_date >= gm.joined_on AND (gm.left_on IS NULL OR s.session_date <= gm.left_on)
            LEFT JOIN attendance_records r ON r.session_id = s.id AND r.athlete_id = gm.athlete_id
            WHERE gm.left_on IS NULL OR gm.left_on >= $2::date - 1
            GROUP BY a.id, a.full_name, g.id, g.name
            HAVING count(r.id) > 0 AND count(*) FILTER (WHERE r.status IN ('present', 'late')) * 100 < $3 * count(r.id)
            ORDER BY count(*) FILTER (WHERE r.status IN ('present', 'late'))::float / count(r.id), a.full_name, a.id, g.name
            LIMIT $4
            """,
            [from, before, percent, limit]
        ).map { row in
            LowAttendance(
                athleteID: try row.decode("id"), athleteName: try row.decode("full_name"), groupName: try row.decode("group_name"),
                attended: try row.decode("attended"), marked: try row.decode("marked")
            )
        }
    }
}
