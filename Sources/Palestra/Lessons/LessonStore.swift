import Foundation
import Postgres

/// All of the lessons' SQL: one lesson with its students and history, the teacher's and the student's
/// lists, creating and editing, the one conditional `UPDATE` of a transition, and the periodic completion.
struct LessonStore: Sendable {
    let database: PostgresClient

    // MARK: Reading

    static let columns = """
        SELECT l.id, l.title, l.description, l.teacher_id, t.display_name AS teacher_name, l.room_id, r.name AS room_name,
               l.starts_at, l.ends_at, l.status, l.started_at, l.completed_at, l.cancelled_at, cb.display_name AS cancelled_by_name,
               l.cancel_reason, l.version, l.created_at, l.updated_at
        FROM lessons l
        JOIN users t ON t.id = l.teacher_id
        LEFT JOIN rooms r ON r.id = l.room_id
        LEFT JOIN users cb ON cb.id = l.cancelled_by
        """

    /// The lesson, if it exists within the user's reach, with its students: both read in one round trip, each
    /// statement with a plan of its own kept (the reach written for the user's role, one lesson's students by `=`).
    static func lesson(id: Int, access: LessonAccess, on database: any PostgresQueryable) async throws -> Lesson? {
        try lesson(from: try await database.pipeline(lessonStatements(id: id, access: access)))
    }

    /// The two statements of ``lesson(id:access:on:)``, to run in a pipeline with others.
    static func lessonStatements(id: Int, access: LessonAccess) -> [PostgresStatement] {
        var reading = PostgresStatement(columns + "\nWHERE l.id = $1", [id])
        if let reach = access.condition(lesson: "l") {
            reading.sql += " AND " + reach("$2")
            reading.parameters.append(access.user.id)
        }
        return [reading, PostgresStatement(studentsOfOne, [id])]
    }

    /// The lesson from the results of ``lessonStatements(id:access:)``, in order.
    static func lesson(from results: some Collection<PostgresQueryResult>) throws -> Lesson? {
        guard let reading = results.first, var lesson = try reading.first.map(decode) else { return nil }
        lesson.students = try results.dropFirst().first?.map { try person($0, from: 0) } ?? []
        return lesson
    }

    static let studentsOfOne = """
        SELECT u.id, u.display_name FROM lesson_students ls JOIN users u ON u.id = ls.student_id
        WHERE ls.lesson_id = $1 ORDER BY u.display_name, u.id
        """

    /// A student of ``studentsOfOne`` (`id`, `display_name`) or of ``studentsSQL(of:)`` (`lesson_id`, `id`,
    /// `display_name`), by position from `first`.
    private static func person(_ row: PostgresRow, from first: Int) throws -> Lesson.Person {
        Lesson.Person(id: try row.decode(at: first), name: try row.decode(at: first + 1))
    }

    /// The students of `lessons`, by lesson, each list by name. Each name is read by key (a subquery, not a join,
    /// which the planner turned into a hash of every user for a page's 150 enrolments).
    static func students(of lessons: [Int], on database: any PostgresQueryable) async throws -> [Int: [Lesson.Person]] {
        guard !lessons.isEmpty else { return [:] }
        return try studentsByLesson(try await database.query(studentsSQL(of: "ANY($1)"), [lessons]))
    }

    /// The students of the lessons `lessons` names (`ANY($1)`, or `IN (subquery)`), each name read by key.
    static func studentsSQL(of lessons: String) -> String {
        """
        SELECT ls.lesson_id, ls.student_id AS id, (SELECT u.display_name FROM users u WHERE u.id = ls.student_id) AS display_name
        FROM lesson_students ls
        WHERE ls.lesson_id = \(lessons) ORDER BY display_name, id
        """
    }

    static func studentsByLesson(_ rows: PostgresQueryResult) throws -> [Int: [Lesson.Person]] {
        var byLesson: [Int: [Lesson.Person]] = [:]
        for row in rows {
            byLesson[try row.decode(at: 0), default: []].append(try person(row, from: 1))
        }
        return byLesson
    }

    /// Lessons within the user's reach that overlap `[from, to)` or, with `notHeld`, scheduled ones whose
    /// end is more than 12 hours past; by start. Their students are not read (see ``students(of:on:)``).
    static func lessons(
        access: LessonAccess, from: Date, to: Date, teacher: Int? = nil, room: Int? = nil, includeNotHeld: Bool = false,
        on database: any PostgresQueryable
    ) async throws -> [Lesson] {
        try await database.query(
            columns + """

            WHERE \(LessonAccess.condition(lesson: "l", user: "$1", role: "$2"))
              AND ((l.starts_at < $4 AND l.ends_at > $3)
                   OR ($5 AND l.status = 'scheduled' AND l.ends_at < now() - interval '12 hours'))
              AND ($6::bigint IS NULL OR l.teacher_id = $6) AND ($7::bigint IS NULL OR l.room_id = $7)
            ORDER BY l.starts_at, l.id
            LIMIT 1000
            """,
            access.parameters + [from, to, includeNotHeld, teacher, room]
        ).map(decode)
    }

    /// What happened to the lesson, oldest first.
    static func events(of lesson: Int, on database: any PostgresQueryable) async throws -> [LessonEvent] {
        try await database.query(
            """
            SELECT id, kind, from_status, to_status, actor_label, reason, occurred_at
            FROM lesson_events WHERE lesson_id = $1 ORDER BY id
            """,
            [lesson]
        ).map { row in
            LessonEvent(
                id: try row.decode("id"), kind: LessonEvent.Kind(rawValue: try row.decode("kind")) ?? .changed,
                from: (try row.decode("from_status", as: String?.self)).flatMap(LessonStatus.init),
                to: (try row.decode("to_status", as: String?.self)).flatMap(LessonStatus.init),
                actorLabel: try row.decode("actor_label"), reason: try row.decode("reason"), occurredAt: try row.decode("occurred_at")
            )
        }
    }

    /// The lesson that holds `teacher` or `room` during `[startsAt, endsAt)`, other than `excluding`: what a refused save names.
    static func conflicting(
        teacher: Int, room: Int?, startsAt: Date, endsAt: Date, excluding: Int?, on database: any PostgresQueryable
    ) async throws -> (id: Int, title: String, startsAt: Date, endsAt: Date)? {
        try await database.query(
            """
            SELECT id, title, starts_at, ends_at FROM lessons
            WHERE status <> 'cancelled' AND (teacher_id = $1 OR room_id = $2)
              AND tstzrange(starts_at, ends_at, '[)') && tstzrange($3, $4, '[)') AND ($5::bigint IS NULL OR id <> $5)
            ORDER BY starts_at LIMIT 1
            """,
            [teacher, room, startsAt, endsAt, excluding]
        ).first.map { (try $0.decode("id"), try $0.decode("title"), try $0.decode("starts_at"), try $0.decode("ends_at")) }
    }

    // MARK: Writing, inside the caller's transaction

    /// Inserts the lesson and its students; returns its id.
    static func insert(_ plan: LessonPlan, on connection: PostgresConnection) async throws -> Int {
        let id: Int = try await connection.query(
            """
            INSERT INTO lessons (title, description, teacher_id, room_id, starts_at, ends_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id
            """,
            [plan.title, plan.description, plan.teacherID, plan.roomID, plan.startsAt, plan.endsAt]
        )[0].decode("id")
        try await setStudents(plan.studentIDs, of: id, on: connection)
        return id
    }

    /// Changes the lesson's fields if it is still at `version` and in `statuses`; whether it did.
    static func update(_ plan: LessonPlan, of id: Int, version: Int, statuses: [LessonStatus], on connection: PostgresConnection) async throws -> Bool {
        let changed = try await connection.execute(
            """
            UPDATE lessons SET title = $3, description = $4, room_id = $5, starts_at = $6, ends_at = $7,
                   version = version + 1, updated_at = now()
            WHERE id = $1 AND version = $2 AND status = ANY($8)
            """,
            [id, version, plan.title, plan.description, plan.roomID, plan.startsAt, plan.endsAt, statuses.map(\.rawValue)]
        )
        return changed == 1
    }

    /// Replaces the lesson's students with `students` (active users with the student role only).
    static func setStudents(_ students: [Int], of lesson: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("DELETE FROM lesson_students WHERE lesson_id = $1 AND NOT (student_id = ANY($2))", [lesson, students])
        try await connection.execute(
            """
            INSERT INTO lesson_students (lesson_id, student_id)
            SELECT $1, u.id FROM users u WHERE u.id = ANY($2) AND u.role = 'student' AND u.is_active
            ON CONFLICT DO NOTHING
            """,
            [lesson, students]
        )
    }

    /// The one statement of a transition: the lesson moves to `transition.to` only if it is in one of
    /// `transition.from`, still at `version` when one is given (the version the user saw), the user may
    /// conduct it, and (a start) its start is at most 15 minutes away. Two people pressing Start and
    /// Cancel on one page at once: one `UPDATE` wins, the other matches no row. The `WITH` locks the row
    /// first, so the status it reports as before is the one the change replaced.
    /// Returns the lesson's title and status before, or `nil` when nothing changed.
    static func apply(
        _ transition: LessonTransition, to id: Int, version: Int?, actor: User?, reason: String?, on connection: PostgresConnection
    ) async throws -> (title: String, from: LessonStatus)? {
        let rows = try await connection.query(
            """
            WITH old AS (SELECT id, status FROM lessons WHERE id = $1 FOR UPDATE)
            UPDATE lessons l SET status = $2,
                   started_at = CASE WHEN $2 = 'in_progress' THEN now() ELSE l.started_at END,
                   completed_at = CASE WHEN $2 = 'completed' THEN now() ELSE l.completed_at END,
                   cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE l.cancelled_at END,
                   cancelled_by = CASE WHEN $2 = 'cancelled' THEN $4 ELSE l.cancelled_by END,
                   cancel_reason = CASE WHEN $2 = 'cancelled' THEN $5 ELSE l.cancel_reason END,
                   version = l.version + 1, updated_at = now()
            FROM old
            WHERE l.id = old.id AND old.status = ANY($3) AND ($7::int IS NULL OR l.version = $7)
              AND ($4::bigint IS NULL OR $6 = 'admin' OR ($6 = 'coach' AND l.teacher_id = $4))
              AND ($2 <> 'in_progress' OR now() >= l.starts_at - interval '15 minutes')
            RETURNING l.title, old.status AS from_status
            """,
            [id, transition.to.rawValue, transition.from.map(\.rawValue), actor?.id, reason, actor?.role.rawValue ?? "system", version]
        )
        return try rows.first.map { (try $0.decode("title"), LessonStatus(rawValue: try $0.decode("from_status")) ?? .scheduled) }
    }

    /// Records what happened; returns the event's id (the notifications' key).
    static func recordEvent(
        lesson: Int, kind: LessonEvent.Kind, from: LessonStatus?, to: LessonStatus?, actor: User?, reason: String?, on connection: PostgresConnection
    ) async throws -> Int {
        let statement = eventStatement(lesson: lesson, kind: kind, from: from, to: to, actor: actor, reason: reason)
        return try await connection.query(statement.sql, statement.parameters)[0].decode("id")
    }

    /// The statement of ``recordEvent(lesson:kind:from:to:actor:reason:on:)``, to run in a pipeline: one row, `id`.
    static func eventStatement(
        lesson: Int, kind: LessonEvent.Kind, from: LessonStatus?, to: LessonStatus?, actor: User?, reason: String?
    ) -> PostgresStatement {
        PostgresStatement(
            """
            INSERT INTO lesson_events (lesson_id, kind, from_status, to_status, actor_id, actor_label, reason)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
            """,
            [lesson, kind.rawValue, from?.rawValue, to?.rawValue, actor?.id, actor?.displayName, reason]
        )
    }

    /// Lessons still in progress 12 hours after their end, locked, skipping ones a transition holds.
    static func overdueInProgress(on connection: PostgresConnection) async throws -> [Int] {
        try await connection.query(
            """
            SELECT id FROM lessons WHERE status = 'in_progress' AND ends_at < now() - interval '12 hours'
            ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED
            """
        ).map { try $0.decode("id") }
    }

    /// A row of ``columns``, read by position (looking 18 names up in every row of a page was about 5 % of the
    /// API list's server time); a test compares the positions with ``decodedColumns``.
    static func decode(_ row: PostgresRow) throws -> Lesson {
        Lesson(
            id: try row.decode(at: 0), title: try row.decode(at: 1), description: try row.decode(at: 2),
            teacher: Lesson.Person(id: try row.decode(at: 3), name: try row.decode(at: 4)),
            roomID: try row.decode(at: 5), roomName: try row.decode(at: 6),
            startsAt: try row.decode(at: 7), endsAt: try row.decode(at: 8),
            status: LessonStatus(rawValue: try row.decode(at: 9)) ?? .scheduled,
            startedAt: try row.decode(at: 10), completedAt: try row.decode(at: 11),
            cancelledAt: try row.decode(at: 12), cancelledByName: try row.decode(at: 13),
            cancelReason: try row.decode(at: 14), version: try row.decode(at: 15),
            createdAt: try row.decode(at: 16), updatedAt: try row.decode(at: 17), students: []
        )
    }

    /// The names ``decode(_:)`` reads at each position, for the test that keeps the two in step.
    static let decodedColumns = [
        "id", "title", "description", "teacher_id", "teacher_name", "room_id", "room_name", "starts_at", "ends_at", "status",
        "started_at", "completed_at", "cancelled_at", "cancelled_by_name", "cancel_reason", "version", "created_at", "updated_at",
    ]
}
