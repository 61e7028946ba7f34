import Foundation
import Postgres

/// The SQL of ``LessonNotices``, on the caller's connection.
enum LessonNoticeStore {
    struct NoticeLesson: Sendable {
        let title: String
        let startsAt: Date
        let endsAt: Date
        let room: String?
        let teacher: String
    }

    /// The lesson as a notice describes it and the active ones among `students` (`nil`: the lesson's enrolled
    /// students) with their language, in one statement; `nil` when there is no such lesson.
    static func audience(
        lesson id: Int, students: [Int]?, on connection: any PostgresQueryable
    ) async throws -> Audience? {
        let statement = audienceStatement(lesson: id, students: students)
        return try audience(from: try await connection.query(statement.sql, statement.parameters))
    }

    typealias Audience = (lesson: NoticeLesson, recipients: [SessionNoticeStore.Recipient])

    /// The statement of ``audience(lesson:students:on:)``, to run in a pipeline; its rows read with ``audience(from:)``.
    static func audienceStatement(lesson id: Int, students: [Int]?) -> PostgresStatement {
        let chosen = students == nil
            ? "SELECT u.id, u.language FROM lesson_students ls JOIN users u ON u.id = ls.student_id WHERE ls.lesson_id = l.id AND u.is_active"
            : "SELECT u.id, u.language FROM users u WHERE u.id = ANY($2) AND u.is_active"
        return PostgresStatement(
            """
            SELECT l.title, l.starts_at, l.ends_at, r.name AS room, t.display_name AS teacher, u.id AS recipient, u.language
            FROM lessons l JOIN users t ON t.id = l.teacher_id LEFT JOIN rooms r ON r.id = l.room_id
            LEFT JOIN LATERAL (\(chosen)) u ON true
            WHERE l.id = $1
            ORDER BY u.id
            """,
            students.map { [id, $0] } ?? [id]
        )
    }

    static func audience(from rows: PostgresQueryResult) throws -> Audience? {
        guard let first = rows.first else { return nil }
        let lesson = NoticeLesson(
            title: try first.decode("title"), startsAt: try first.decode("starts_at"), endsAt: try first.decode("ends_at"),
            room: try first.decode("room"), teacher: try first.decode("teacher")
        )
        let recipients = try rows.compactMap { row -> SessionNoticeStore.Recipient? in
            guard let recipient = try row.decode("recipient", as: Int?.self) else { return nil }
            return SessionNoticeStore.Recipient(id: recipient, language: (try row.decode("language", as: String?.self)).flatMap(Language.init))
        }
        return (lesson, recipients)
    }
}
