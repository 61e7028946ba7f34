import Foundation
import Postgres

/// All of the attendance journal's SQL: the coach's sessions, a session and its members with their
/// marks, saving marks, closing and reopening sessions, and the daily auto-close.
///
/// `access` scopes a query to the groups the user reaches (``TrainingGroupAccess``).
struct AttendanceStore: Sendable {
    let database: PostgresClient

    // MARK: The coach's sessions

    /// Sessions from `from` through `through`, and earlier ones neither closed nor cancelled with a
    /// member still unmarked; of active groups only, in date order, with their marked/member counts.
    func coachSessions(access: TrainingGroupAccess, from: CalendarDate, through: CalendarDate) async throws -> [CoachSessionSummary] {
        try await database.query(
            CoachSessionSummary.selectSQL() + """

            WHERE \(TrainingGroupAccess.condition(group: "g", parameter: "$1")) AND NOT g.is_archived
              AND (s.session_date BETWEEN $2::date AND $3::date
                   OR (s.session_date < $2::date AND NOT s.is_closed AND s.status <> 'cancelled'))
              AND (s.session_date >= $2::date OR m.marked < m.members)
            ORDER BY s.session_date, s.starts_at, g.name, s.id
            """,
            [access.coachParameter, from, through]
        ).map(CoachSessionSummary.init(row:))
    }

    // MARK: One session

    private static let sessionColumns = """
        SELECT s.id, s.group_id, g.name AS group_name, g.is_archived, s.session_date, s.starts_at, s.ends_at,
               s.location, s.status, s.is_closed, s.version
        FROM training_sessions s
        JOIN training_groups g ON g.id = s.group_id
        WHERE s.id = $1 AND \(TrainingGroupAccess.condition(group: "g", parameter: "$2"))
        """

    /// The session, if it exists within the coach's groups.
    func session(id: Int, access: TrainingGroupAccess) async throws -> JournalSession? {
        try await database.query(Self.sessionColumns, [id, access.coachParameter]).first.map(Self.decodeSession)
    }

    /// The session locked until the transaction ends, if it exists within the coach's groups. Saves,
    /// closes and reopens of one session take turns on this lock.
    static func lockSession(id: Int, access: TrainingGroupAccess, on connection: PostgresConnection) async throws -> JournalSession? {
        try await connection.query(sessionColumns + "\nFOR UPDATE OF s", [id, access.coachParameter]).first.map(decodeSession)
    }

    private static func decodeSession(_ row: PostgresRow) throws -> JournalSession {
        JournalSession(
            id: try row.decode("id"), groupID: try row.decode("group_id"), groupName: try row.decode("group_name"),
            isGroupArchived: try row.decode("is_archived"), date: try row.decode("session_date"),
            startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"), location: try row.decode("location"),
            status: JournalSession.Status(rawValue: try row.decode("status")) ?? .planned,
            isClosed: try row.decode("is_closed"), version: try row.decode("version")
        )
    }

    /// Every athlete who was a member of the session's group on its date, by name, with their mark.
    static func athletes(of session: JournalSession, on database: any PostgresQueryable) async throws -> [JournalAthlete] {
        try await database.query(
            """
            SELECT a.id, a.full_name, a.birth_date, a.avatar, r.id AS record_id, r.status, r.note, r.marked_at, r.version AS record_version, u.display_name AS marked_by_name
            FROM group_memberships gm
            JOIN athletes a ON a.id = gm.athlete_id
            LEFT JOIN attendance_records r ON r.session_id = $1 AND r.athlete_id = a.id
            LEFT JOIN users u ON u.id = r.marked_by
            WHERE gm.group_id = $2 AND gm.joined_on <= $3::date AND (gm.left_on IS NULL OR gm.left_on >= $3::date)
            ORDER BY a.full_name, a.id
            """,
            [session.id, session.groupID, session.date]
        ).map { row in
            let recordID: Int? = try row.decode("record_id")
            let mark = try recordID.map { _ in
                JournalAthlete.Mark(
                    status: AttendanceStatus(rawValue: try row.decode("status")) ?? .present,
                    note: try row.decode("note"), markedByName: try row.decode("marked_by_name"), markedAt: try row.decode("marked_at"),
                    version: try row.decode("record_version")
                )
            }
            return JournalAthlete(
                id: try row.decode("id"), fullName: try row.decode("full_name"), birthDate: try row.decode("birth_date"),
                avatar: try row.decode("avatar"), mark: mark
            )
        }
    }

    // MARK: Writing, inside the caller's transaction

    /// Inserts or changes the marks (marked by `user`, now; a changed record's version raised); the
    /// record id of each, by athlete.
    static func upsert(_ marks: [AttendanceMark], session: Int, user: Int, on connection: PostgresConnection) async throws -> [Int: Int] {
        let rows = try await connection.query(
            """
            INSERT INTO attendance_records (session_id, athlete_id, status, note, marked_by, marked_at)
            SELECT $1, m.athlete_id, m.status, m.note, $2, now()
            FROM unnest($3::bigint[], $4::text[], $5::text[]) AS m(athlete_id, status, note)
            ON CONFLICT (session_id, athlete_id) DO UPDATE
            SET status = excluded.status, note = excluded.note, marked_by = excluded.marked_by, marked_at = excluded.marked_at,
                updated_at = now(), version = attendance_records.version + 1
            WHERE (attendance_records.status, attendance_records.note) IS DISTINCT FROM (excluded.status, excluded.note)
            RETURNING id, athlete_id
            """,
            [session, user, marks.map(\.athleteID), marks.map(\.status.rawValue), marks.map(\.note)]
        )
        var ids: [Int: Int] = [:]
        for row in rows { ids[try row.decode("athlete_id")] = try row.decode("id") }
        return ids
    }

    /// After marks were saved: the session's version raised and, when it was planned, its status held.
    static func recordSave(session: Int, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE training_sessions
            SET version = version + 1, updated_at = now(), status = CASE WHEN status = 'planned' THEN 'held' ELSE status END
            WHERE id = $1
            """,
            [session]
        )
    }

    static func close(session: Int, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE training_sessions SET is_closed = true, version = version + 1, updated_at = now() WHERE id = $1", [session]
        )
    }

    /// Opens a closed session again, noting when (the auto-close leaves it open for a while).
    static func reopen(session: Int, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE training_sessions SET is_closed = false, reopened_at = now(), version = version + 1, updated_at = now() WHERE id = $1",
            [session]
        )
    }

    // MARK: Auto-close

    /// A session the auto-close closed.
    struct ClosedSession: Sendable {
        let id: Int
        /// Its audit records' label: "U-12 Football, 2026-11-21 18:00".
        let label: String
        let groupName: String
        let date: CalendarDate
        let startsAt: TimeOfDay
        /// Not cancelled, with members on its date and not one of them marked.
        let isUnmarked: Bool
    }

    /// Closes every open session dated `onOrBefore` or earlier, except those reopened less than
    /// `reopenGraceDays` days ago; the closed ones.
    static func closeOld(onOrBefore: CalendarDate, reopenGraceDays: Int, on connection: PostgresConnection) async throws -> [ClosedSession] {
        try await connection.query(
            """
            UPDATE training_sessions s SET is_closed = true, version = s.version + 1, updated_at = now()
            FROM training_groups g
            WHERE g.id = s.group_id AND NOT s.is_closed AND s.session_date <= $1::date
              AND (s.reopened_at IS NULL OR s.reopened_at < now() - make_interval(days => $2))
            RETURNING s.id, g.name || ', ' || s.session_date || ' ' || to_char(s.starts_at, 'HH24:MI') AS label,
                      g.name AS group_name, s.session_date, s.starts_at,
                      s.status <> 'cancelled'
                      AND NOT EXISTS (SELECT 1 FROM attendance_records r WHERE r.session_id = s.id)
                      AND EXISTS (
                          SELECT 1 FROM group_memberships gm
                          WHERE gm.group_id = s.group_id AND gm.joined_on <= s.session_date
                            AND (gm.left_on IS NULL OR gm.left_on >= s.session_date)
                      ) AS is_unmarked
            """,
            [onOrBefore, reopenGraceDays]
        ).map { row in
            ClosedSession(
                id: try row.decode("id"), label: try row.decode("label"), groupName: try row.decode("group_name"),
                date: try row.decode("session_date"), startsAt: try row.decode("starts_at"), isUnmarked: try row.decode("is_unmarked")
            )
        }
    }
}
