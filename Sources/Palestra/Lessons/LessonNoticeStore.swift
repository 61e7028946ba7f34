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

    static func lesson(id: Int, on connection: any PostgresQueryable) async throws -> NoticeLesson? {
        try await connection.query(
            """
            SELECT l.title, l.starts_at, l.ends_at, r.name AS room, t.display_name AS teacher
            FROM lessons l JOIN users t ON t.id = l.teacher_id LEFT JOIN rooms r ON r.id = l.room_id WHERE l.id = $1
            """,
            [id]
        ).first.map { row in
            NoticeLesson(
                title: try row.decode("title"), startsAt: try row.decode("starts_at"), endsAt: try row.decode("ends_at"),
                room: try row.decode("room"), teacher: try row.decode("teacher")
            )
        }
    }

    /// The active ones among `students`, with their language.
    static func recipients(_ students: [Int], on connection: any PostgresQueryable) async throws -> [SessionNoticeStore.Recipient] {
        try await connection.query("SELECT id, language FROM users WHERE id = ANY($1) AND is_active ORDER BY id", [students]).map { row in
            SessionNoticeStore.Recipient(id: try row.decode("id"), language: (try row.decode("language", as: String?.self)).flatMap(Language.init))
        }
    }
}
