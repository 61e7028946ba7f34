import Foundation
import Postgres

/// The API's list: lessons within the user's reach, filtered, by start then id, a page at a time.
struct LessonFilter: Sendable, Equatable {
    var status: LessonStatus?
    var teacher: Int?
    var room: Int?
    /// Lessons starting on or after this day's midnight, on the organisation's clock.
    var from: Date?
    /// Lessons starting before the midnight after this day.
    var to: Date?
}

extension LessonStore {
    /// The total matching and one page, each lesson with its students (two statements).
    static func page(
        access: LessonAccess, filter: LessonFilter, limit: Int, offset: Int, on database: any PostgresQueryable
    ) async throws -> (count: Int, lessons: [Lesson]) {
        let condition = """
            WHERE \(LessonAccess.condition(lesson: "l", user: "$1", role: "$2"))
              AND ($3::text IS NULL OR l.status = $3) AND ($4::bigint IS NULL OR l.teacher_id = $4)
              AND ($5::bigint IS NULL OR l.room_id = $5) AND ($6::timestamptz IS NULL OR l.starts_at >= $6)
              AND ($7::timestamptz IS NULL OR l.starts_at < $7)
            """
        let parameters: [any PostgresEncodable] = access.parameters + [filter.status?.rawValue, filter.teacher, filter.room, filter.from, filter.to]
        let count: Int = try await database.query("SELECT count(*)::int AS n FROM lessons l " + condition, parameters)[0].decode("n")
        var lessons = try await database.query(
            columns + "\n" + condition + "\nORDER BY l.starts_at, l.id LIMIT $8 OFFSET $9", parameters + [limit, offset]
        ).map(decode)
        let students = try await Self.students(of: lessons.map(\.id), on: database)
        for index in lessons.indices { lessons[index].students = students[lessons[index].id] ?? [] }
        return (count, lessons)
    }
}
