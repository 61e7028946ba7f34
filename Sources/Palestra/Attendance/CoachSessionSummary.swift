import Postgres

/// One line of `/coach`: a session, its group and how many of its athletes are marked.
struct CoachSessionSummary: Sendable {
    let id: Int
    let groupName: String
    let date: CalendarDate
    let startsAt: TimeOfDay
    let endsAt: TimeOfDay
    let location: String
    let status: JournalSession.Status
    let isClosed: Bool
    /// Members of the group on the session's date with a mark.
    let marked: Int
    /// Members of the group on the session's date.
    let members: Int
}

extension CoachSessionSummary {
    /// The `SELECT … FROM` a summary is read with (then `extra` columns): the session `s`, its group `g` and the
    /// members of the group on the session's date with how many are marked, `m`. The caller adds `WHERE`.
    static func selectSQL(extra: String = "") -> String {
        """
        SELECT s.id, g.name AS group_name, s.session_date, s.starts_at, s.ends_at, s.location, s.status, s.is_closed,
               m.members, m.marked\(extra)
        FROM training_sessions s
        JOIN training_groups g ON g.id = s.group_id
        CROSS JOIN LATERAL (
            SELECT count(*)::int AS members, count(r.id)::int AS marked
            FROM group_memberships gm
            LEFT JOIN attendance_records r ON r.session_id = s.id AND r.athlete_id = gm.athlete_id
            WHERE gm.group_id = s.group_id AND gm.joined_on <= s.session_date
              AND (gm.left_on IS NULL OR gm.left_on >= s.session_date)
        ) m
        """
    }

    /// A row read with ``selectSQL(extra:)``.
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"), groupName: try row.decode("group_name"), date: try row.decode("session_date"),
            startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"), location: try row.decode("location"),
            status: JournalSession.Status(rawValue: try row.decode("status")) ?? .planned, isClosed: try row.decode("is_closed"),
            marked: try row.decode("marked"), members: try row.decode("members")
        )
    }
}
