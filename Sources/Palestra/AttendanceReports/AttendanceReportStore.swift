import Postgres

/// The attendance reports' SQL. Sessions count when held (`status = 'held'`) on a date the athlete was
/// a member of the group (`joined_on ≤ date ≤ left_on`, an open end still a member); marks at other
/// sessions don't count, and a held session without the athlete's mark is unmarked (never absent).
struct AttendanceReportStore: Sendable {
    struct GroupRow: Sendable {
        let id: Int
        let name: String
        let counts: AttendanceCounts
    }

    struct AthleteRow: Sendable {
        let id: Int
        let name: String
        let birthDate: CalendarDate
        let counts: AttendanceCounts
    }

    struct MonthRow: Sendable {
        let month: CalendarDate
        let groupName: String
        let counts: AttendanceCounts
    }

    let database: PostgresClient

    /// The counts per member and held session, restricted to `[from, to)`, for the groups in `groups`
    /// (a condition on `g`) and the athletes in `athletes` (a condition on `m`).
    private static func countsSQL(groups: String, athletes: String) -> String {
        """
        SELECT m.group_id, m.athlete_id, date_trunc('month', s.session_date)::date AS month,
               count(s.id) AS held,
               count(*) FILTER (WHERE r.status = 'present') AS present,
               count(*) FILTER (WHERE r.status = 'late') AS late,
               count(*) FILTER (WHERE r.status = 'excused') AS excused,
               count(*) FILTER (WHERE r.status = 'absent') AS absent,
               count(*) FILTER (WHERE r.id IS NULL) AS unmarked
        FROM group_memberships m
        JOIN training_groups g ON g.id = m.group_id
        JOIN training_sessions s ON s.group_id = m.group_id AND s.status = 'held'
             AND s.session_date >= $1::date AND s.session_date < $2::date
             AND s.session_date >= m.joined_on AND (m.left_on IS NULL OR s.session_date <= m.left_on)
        LEFT JOIN attendance_records r ON r.session_id = s.id AND r.athlete_id = m.athlete_id
        WHERE (\(groups)) AND (\(athletes))
        GROUP BY m.group_id, m.athlete_id, date_trunc('month', s.session_date)
        """
    }

    /// The columns ``counts(_:)`` reads, summed over the rows of `c` (a `countsSQL` result), zero without any.
    private static let summedCounts = ["held", "present", "late", "excused", "absent", "unmarked"]
        .map { "coalesce(sum(c.\($0)), 0)::bigint AS \($0)" }.joined(separator: ", ")

    /// The marks and missing marks summed over the members (`c`), and `held` the group's (`g`) held
    /// sessions in `[$1, $2)` — sessions, not athlete-sessions.
    private static let groupCounts = """
        (SELECT count(*) FROM training_sessions s
         WHERE s.group_id = g.id AND s.status = 'held' AND s.session_date >= $1::date AND s.session_date < $2::date)::bigint AS held,
        """ + ["present", "late", "excused", "absent", "unmarked"]
        .map { "coalesce(sum(c.\($0)), 0)::bigint AS \($0)" }.joined(separator: ", ")

    /// The groups the user may see (``TrainingGroupAccess``: a coach their own), by name.
    func groups(access: TrainingGroupAccess) async throws -> [(id: Int, name: String)] {
        try await database.query(
            "SELECT g.id, g.name FROM training_groups g WHERE \(TrainingGroupAccess.condition(group: "g", parameter: "$1")) ORDER BY g.name, g.id",
            [access.coachParameter]
        ).map { (try $0.decode("id"), try $0.decode("name")) }
    }

    /// Every visible group's totals for the month `[from, to)` (only `group`'s when given): its held
    /// sessions, and its members' marks and missing marks at those held while they were members; by name.
    func groupTotals(from: CalendarDate, to: CalendarDate, access: TrainingGroupAccess, group: Int? = nil) async throws -> [GroupRow] {
        try await database.query(
            """
            WITH counts AS (\(Self.countsSQL(groups: TrainingGroupAccess.condition(group: "g", parameter: "$3") + " AND ($4::bigint IS NULL OR g.id = $4)", athletes: "true")))
            SELECT g.id, g.name, \(Self.groupCounts)
            FROM training_groups g LEFT JOIN counts c ON c.group_id = g.id
            WHERE \(TrainingGroupAccess.condition(group: "g", parameter: "$3")) AND ($4::bigint IS NULL OR g.id = $4)
            GROUP BY g.id, g.name ORDER BY g.name, g.id
            """,
            [from, to, access.coachParameter, group]
        ).map { row in
            GroupRow(id: try row.decode("id"), name: try row.decode("name"), counts: try Self.counts(row))
        }
    }

    /// One group's members during `[from, to)` with their counts, by name.
    func athleteTotals(group: Int, from: CalendarDate, to: CalendarDate) async throws -> [AthleteRow] {
        try await database.query(
            """
            WITH counts AS (\(Self.countsSQL(groups: "g.id = $3", athletes: "true")))
            SELECT a.id, a.full_name, a.birth_date,
                   \(Self.summedCounts)
            FROM athletes a LEFT JOIN counts c ON c.athlete_id = a.id
            WHERE a.id IN (SELECT m.athlete_id FROM group_memberships m
                           WHERE m.group_id = $3 AND m.joined_on < $2::date AND (m.left_on IS NULL OR m.left_on >= $1::date))
            GROUP BY a.id, a.full_name, a.birth_date ORDER BY a.full_name, a.id
            """,
            [from, to, group]
        ).map { row in
            AthleteRow(id: try row.decode("id"), name: try row.decode("full_name"), birthDate: try row.decode("birth_date"), counts: try Self.counts(row))
        }
    }

    /// An athlete's name, if they exist and were ever a member of a group within reach.
    func athleteName(_ id: Int, access: TrainingGroupAccess) async throws -> String? {
        try await database.query(
            """
            SELECT full_name FROM athletes a WHERE a.id = $1 AND ($2::bigint IS NULL OR EXISTS (
                SELECT 1 FROM group_memberships m JOIN training_groups g ON g.id = m.group_id
                WHERE m.athlete_id = a.id AND \(TrainingGroupAccess.condition(group: "g", parameter: "$2"))))
            """,
            [id, access.coachParameter]
        ).first?.decode("full_name")
    }

    /// An athlete's counts per month and group over `[from, to)` (a coach: only their groups), oldest first.
    func athleteMonths(athlete: Int, from: CalendarDate, to: CalendarDate, access: TrainingGroupAccess) async throws -> [MonthRow] {
        try await database.query(
            """
            WITH counts AS (\(Self.countsSQL(groups: TrainingGroupAccess.condition(group: "g", parameter: "$4"), athletes: "m.athlete_id = $3")))
            SELECT c.month, g.name, c.held, c.present, c.late, c.excused, c.absent, c.unmarked
            FROM counts c JOIN training_groups g ON g.id = c.group_id
            ORDER BY c.month, g.name, g.id
            """,
            [from, to, athlete, access.coachParameter]
        ).map { row in
            MonthRow(month: try row.decode("month"), groupName: try row.decode("name"), counts: try Self.counts(row))
        }
    }

    private static func counts(_ row: PostgresRow) throws -> AttendanceCounts {
        AttendanceCounts(
            held: try row.decode("held"), present: try row.decode("present"), late: try row.decode("late"),
            excused: try row.decode("excused"), absent: try row.decode("absent"), unmarked: try row.decode("unmarked")
        )
    }
}
