import Postgres

/// The SQL of the register grid and of an athlete's sessions: which sessions a month holds, and each
/// athlete's mark at each of them (or none), with whether they were a member on its date.
struct AttendanceRegisterStore: Sendable {
    /// A session of the month that is, or will be, held (cancelled ones are left out).
    struct Session: Sendable, Equatable {
        let id: Int
        let date: CalendarDate
        let startsAt: TimeOfDay
        let endsAt: TimeOfDay
        let isHeld: Bool
    }

    /// One athlete at one session: a member on its date or not, and their mark if there is one.
    struct Cell: Sendable {
        let athleteID: Int
        let sessionID: Int
        let isMember: Bool
        let status: AttendanceStatus?
        let note: String
    }

    /// A held session of an athlete's group on a date they were a member, with their mark.
    struct AthleteSession: Sendable {
        let date: CalendarDate
        let startsAt: TimeOfDay
        let endsAt: TimeOfDay
        let groupName: String
        let status: AttendanceStatus?
        let note: String
    }

    let database: PostgresClient

    /// The group's sessions in `[from, to)` that are held or planned, by date and start.
    func sessions(group: Int, from: CalendarDate, to: CalendarDate) async throws -> [Session] {
        try await database.query(
            """
            SELECT s.id, s.session_date, s.starts_at, s.ends_at, s.status = 'held' AS is_held
            FROM training_sessions s
            WHERE s.group_id = $1 AND s.session_date >= $2::date AND s.session_date < $3::date AND s.status <> 'cancelled'
            ORDER BY s.session_date, s.starts_at, s.id
            """,
            [group, from, to]
        ).map { row in
            Session(
                id: try row.decode("id"), date: try row.decode("session_date"), startsAt: try row.decode("starts_at"),
                endsAt: try row.decode("ends_at"), isHeld: try row.decode("is_held")
            )
        }
    }

    /// For every athlete who was a member of the group at some time in `[from, to)` and every session of
    /// ``sessions(group:from:to:)``: whether they were a member on its date, and their mark.
    func cells(group: Int, from: CalendarDate, to: CalendarDate) async throws -> [Cell] {
        try await database.query(
            """
            WITH athletes AS (
                SELECT DISTINCT m.athlete_id FROM group_memberships m
                WHERE m.group_id = $1 AND m.joined_on < $3::date AND (m.left_on IS NULL OR m.left_on >= $2::date)
            )
            SELECT a.athlete_id, s.id AS session_id,
                   EXISTS (SELECT 1 FROM group_memberships m
                           WHERE m.athlete_id = a.athlete_id AND m.group_id = $1 AND m.joined_on <= s.session_date
                             AND (m.left_on IS NULL OR m.left_on >= s.session_date)) AS is_member,
                   r.status, coalesce(r.note, '') AS note
            FROM athletes a
            CROSS JOIN training_sessions s
            LEFT JOIN attendance_records r ON r.session_id = s.id AND r.athlete_id = a.athlete_id
            WHERE s.group_id = $1 AND s.session_date >= $2::date AND s.session_date < $3::date AND s.status <> 'cancelled'
            """,
            [group, from, to]
        ).map { row in
            Cell(
                athleteID: try row.decode("athlete_id"), sessionID: try row.decode("session_id"), isMember: try row.decode("is_member"),
                status: (try row.decode("status", as: String?.self)).flatMap(AttendanceStatus.init(rawValue:)), note: try row.decode("note")
            )
        }
    }

    /// The athlete's held sessions in `[from, to)` in groups within reach (a coach: their own), on dates
    /// they were a member, with their mark or none; by date and start.
    func athleteSessions(athlete: Int, from: CalendarDate, to: CalendarDate, access: TrainingGroupAccess) async throws -> [AthleteSession] {
        try await database.query(
            """
            SELECT s.session_date, s.starts_at, s.ends_at, g.name, r.status, coalesce(r.note, '') AS note
            FROM group_memberships m
            JOIN training_groups g ON g.id = m.group_id
            JOIN training_sessions s ON s.group_id = m.group_id AND s.status = 'held'
                 AND s.session_date >= $2::date AND s.session_date < $3::date
                 AND s.session_date >= m.joined_on AND (m.left_on IS NULL OR s.session_date <= m.left_on)
            LEFT JOIN attendance_records r ON r.session_id = s.id AND r.athlete_id = m.athlete_id
            WHERE m.athlete_id = $1 AND \(TrainingGroupAccess.condition(group: "g", parameter: "$4"))
            ORDER BY s.session_date, s.starts_at, g.name, s.id
            """,
            [athlete, from, to, access.coachParameter]
        ).map { row in
            AthleteSession(
                date: try row.decode("session_date"), startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"),
                groupName: try row.decode("name"),
                status: (try row.decode("status", as: String?.self)).flatMap(AttendanceStatus.init(rawValue:)), note: try row.decode("note")
            )
        }
    }
}
