import Postgres

/// The SQL of session generation, re-sync and cleanup. Every function runs on the caller's connection,
/// inside the caller's transaction, after ``lockGroup(_:on:)`` where it concerns one group.
///
/// "Future" is one bound, `after`: a session is future when `session_date + starts_at > after` (both
/// the organisation's wall clock). Closed sessions, past sessions and sessions added by hand
/// (`origin = 'manual'`) are never touched; a session with attendance records is never deleted.
enum TrainingSessionGenerationStore {
    struct LockedGroup: Sendable {
        let id: Int
        let name: String
        let isArchived: Bool
        /// The first day of the latest month generated, if any.
        let generatedThrough: CalendarDate?
    }

    /// What every statement returning sessions selects, from `s` (sessions) joined with `g` (its group).
    private static let affected = """
        s.id, s.group_id, g.name AS group_name, s.session_date, to_char(s.starts_at, 'HH24:MI') AS starts_at
        """

    /// A slot of the (not archived) group that a session `s` falls on: same ISO weekday, same start.
    private static let matchingSlot = """
        SELECT 1 FROM group_schedule_slots sl JOIN training_groups sg ON sg.id = sl.group_id AND NOT sg.is_archived
        WHERE sl.group_id = s.group_id AND sl.weekday = extract(isodow FROM s.session_date) AND sl.starts_at = s.starts_at
        """

    /// Locks the group's row for the rest of the transaction: runs for one group take turns.
    static func lockGroup(_ id: Int, on connection: PostgresConnection) async throws -> LockedGroup? {
        let rows = try await connection.query(
            "SELECT id, name, is_archived, generated_through FROM training_groups WHERE id = $1 FOR UPDATE", [id]
        )
        return try rows.first.map { row in
            LockedGroup(
                id: try row.decode("id"), name: try row.decode("name"), isArchived: try row.decode("is_archived"),
                generatedThrough: try row.decode("generated_through")
            )
        }
    }

    /// A group's name and whether it is archived, without a lock.
    static func group(_ id: Int, on connection: any PostgresQueryable) async throws -> (name: String, isArchived: Bool)? {
        try await connection.query("SELECT name, is_archived FROM training_groups WHERE id = $1", [id]).first.map { row in
            (try row.decode("name"), try row.decode("is_archived"))
        }
    }

    /// Ids and names of the groups to generate for, by name: the active ones, or all when `includingArchived`.
    static func groups(includingArchived: Bool, on connection: any PostgresQueryable) async throws -> [(id: Int, name: String)] {
        try await connection.query(
            "SELECT id, name FROM training_groups WHERE $1 OR NOT is_archived ORDER BY name, id", [includingArchived]
        ).map { (try $0.decode("id"), try $0.decode("name")) }
    }

    /// Creates the sessions the group's slots give on the days `from…through` that start after `after`;
    /// a session already there (same group, date and start) is left as it is.
    static func createMissing(
        group: Int, from: CalendarDate, through: CalendarDate, after: LocalMoment, on connection: PostgresConnection
    ) async throws -> [AffectedTrainingSession] {
        guard from <= through else { return [] }
        return try await connection.query(
            """
            WITH created AS (
                INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, location, origin, slot_id)
                SELECT sl.group_id, day::date, sl.starts_at, sl.starts_at + make_interval(mins => sl.duration_minutes),
                       sl.location, 'schedule', sl.id
                FROM group_schedule_slots sl
                JOIN training_groups g ON g.id = sl.group_id AND NOT g.is_archived
                JOIN generate_series($2::date::timestamp, $3::date::timestamp, interval '1 day') AS day ON extract(isodow FROM day) = sl.weekday
                WHERE sl.group_id = $1 AND day::date + sl.starts_at > $4::timestamp
                ORDER BY day, sl.starts_at
                ON CONFLICT (group_id, session_date, starts_at) DO NOTHING
                RETURNING *
            )
            SELECT \(affected), NULL::text AS previous_status
            FROM created s JOIN training_groups g ON g.id = s.group_id
            ORDER BY s.session_date, s.starts_at
            """,
            [group, from, through, after.description]
        ).map(AffectedTrainingSession.decode)
    }

    /// Future, not closed, scheduled sessions of the group that no slot gives any more (all of them for an
    /// archived group) — and with `rebuildThrough`, also those on a slot up to that day, to be made afresh:
    /// deleted when they have no attendance records; otherwise cancelled and kept (those on a slot stay).
    static func removeStale(
        group: Int, after: LocalMoment, rebuildThrough: CalendarDate?, on connection: PostgresConnection
    ) async throws -> (removed: [AffectedTrainingSession], cancelled: [AffectedTrainingSession]) {
        // Lock the candidates first, in a statement of their own: a journal saving one of them holds its row
        // lock, and once it commits, the next statement (a new snapshot) sees its records, so such a session
        // is cancelled rather than hitting the records' foreign key.
        try await connection.execute(
            """
            SELECT s.id FROM training_sessions s
            WHERE s.group_id = $1 AND NOT s.is_closed AND s.origin = 'schedule' AND s.session_date + s.starts_at > $2::timestamp
            ORDER BY s.id FOR UPDATE
            """,
            [group, after.description]
        )
        let rows = try await connection.query(
            """
            WITH candidates AS (
                SELECT s.id, s.status,
                       EXISTS (SELECT 1 FROM attendance_records a WHERE a.session_id = s.id) AS has_records,
                       EXISTS (\(matchingSlot)) AS on_slot
                FROM training_sessions s
                WHERE s.group_id = $1 AND NOT s.is_closed AND s.origin = 'schedule' AND s.session_date + s.starts_at > $2::timestamp
            ), deleted AS (
                DELETE FROM training_sessions s USING candidates c
                WHERE s.id = c.id AND NOT c.has_records AND (NOT c.on_slot OR s.session_date <= $3::date)
                RETURNING s.*, NULL::text AS previous_status
            ), cancelled AS (
                UPDATE training_sessions s SET status = 'cancelled', version = s.version + 1, updated_at = now()
                FROM candidates c
                WHERE s.id = c.id AND c.has_records AND NOT c.on_slot AND s.status <> 'cancelled'
                RETURNING s.*, c.status AS previous_status
            )
            SELECT 'removed' AS outcome, \(affected), s.previous_status FROM deleted s JOIN training_groups g ON g.id = s.group_id
            UNION ALL
            SELECT 'cancelled', \(affected), s.previous_status FROM cancelled s JOIN training_groups g ON g.id = s.group_id
            ORDER BY session_date, starts_at
            """,
            [group, after.description, rebuildThrough]
        )
        var removed: [AffectedTrainingSession] = [], cancelled: [AffectedTrainingSession] = []
        for row in rows {
            let session = try AffectedTrainingSession.decode(row)
            if try row.decode("outcome", as: String.self) == "removed" { removed.append(session) } else { cancelled.append(session) }
        }
        return (removed, cancelled)
    }

    /// Future, not closed, scheduled sessions on a slot whose end time or place changed take the slot's.
    static func refreshFromSlots(group: Int, after: LocalMoment, on connection: PostgresConnection) async throws -> [AffectedTrainingSession] {
        try await connection.query(
            """
            WITH updated AS (
                UPDATE training_sessions s
                SET ends_at = sl.starts_at + make_interval(mins => sl.duration_minutes), location = sl.location,
                    slot_id = sl.id, version = s.version + 1, updated_at = now()
                FROM group_schedule_slots sl JOIN training_groups sg ON sg.id = sl.group_id AND NOT sg.is_archived
                WHERE s.group_id = $1 AND sl.group_id = s.group_id AND sl.weekday = extract(isodow FROM s.session_date)
                  AND sl.starts_at = s.starts_at AND NOT s.is_closed AND s.origin = 'schedule'
                  AND s.session_date + s.starts_at > $2::timestamp
                  AND (s.ends_at, s.location, s.slot_id)
                      IS DISTINCT FROM (sl.starts_at + make_interval(mins => sl.duration_minutes), sl.location, sl.id)
                RETURNING s.*
            )
            SELECT \(affected), NULL::text AS previous_status FROM updated s JOIN training_groups g ON g.id = s.group_id
            ORDER BY s.session_date, s.starts_at
            """,
            [group, after.description]
        ).map(AffectedTrainingSession.decode)
    }

    /// A session changed by hand (moved, another time or place) is no longer the schedule's: made manual,
    /// so a re-sync neither reverts nor removes it.
    static func detachFromSchedule(session: Int, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE training_sessions SET origin = 'manual', slot_id = NULL WHERE id = $1 AND origin = 'schedule'", [session]
        )
    }

    /// Records that the group's sessions are generated through `month` (its first day), if later than before.
    static func markGenerated(group: Int, through month: CalendarDate, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE training_groups SET generated_through = greatest(generated_through, $2::date)
            WHERE id = $1 AND generated_through IS DISTINCT FROM greatest(generated_through, $2::date)
            """,
            [group, month]
        )
    }

    /// Deletes sessions dated before `before` that were never held and have no attendance records
    /// (placeholders); never one with records, never a held one.
    static func removeOld(before: CalendarDate, on connection: PostgresConnection) async throws -> [AffectedTrainingSession] {
        try await connection.query(
            """
            WITH deleted AS (
                DELETE FROM training_sessions s
                WHERE s.session_date < $1::date AND s.status <> 'held'
                  AND NOT EXISTS (SELECT 1 FROM attendance_records a WHERE a.session_id = s.id)
                RETURNING s.*
            )
            SELECT \(affected), NULL::text AS previous_status FROM deleted s JOIN training_groups g ON g.id = s.group_id
            ORDER BY s.session_date, s.starts_at
            """,
            [before]
        ).map(AffectedTrainingSession.decode)
    }
}
