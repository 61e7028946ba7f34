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
    /// The total matching and one page, each lesson with its roster (its students as the API writes them, kept by
    /// PostgreSQL in `lessons.roster`): both in one round trip.
    ///
    /// The statements hold only the conditions that apply (the user's reach for their role, the filters
    /// given), so each combination is its own prepared statement whose plan uses the index for it
    /// (`lessons_status_starts_at_idx`, `…_teacher_…`, `…_room_…`, `lessons_starts_at_idx`) rather than one
    /// generic plan of `($n IS NULL OR …)` that can use none. Without a room or date filter and for a user
    /// who is not a student, the total is a sum of `lesson_tallies` (kept exact by a trigger) instead of
    /// a count of every matching lesson.
    static func page(
        access: LessonAccess, filter: LessonFilter, limit: Int, offset: Int, on database: PostgresClient
    ) async throws -> (count: Int, lessons: [(lesson: Lesson, roster: String)]) {
        var rows = SQLConditions(), tallies = SQLConditions()
        if let reach = access.condition(lesson: "l") { rows.add(reach, access.user.id) }
        if access.user.role == .coach { tallies.add({ "t.teacher_id = \($0)" }, access.user.id) }
        if let status = filter.status {
            rows.add({ "l.status = \($0)" }, status.rawValue)
            tallies.add({ "t.status = \($0)" }, status.rawValue)
        }
        if let teacher = filter.teacher {
            rows.add({ "l.teacher_id = \($0)" }, teacher)
            tallies.add({ "t.teacher_id = \($0)" }, teacher)
        }
        if let room = filter.room { rows.add({ "l.room_id = \($0)" }, room) }
        if let from = filter.from { rows.add({ "l.starts_at >= \($0)" }, from) }
        if let to = filter.to { rows.add({ "l.starts_at < \($0)" }, to) }
        let counting = access.user.role != .student && filter.room == nil && filter.from == nil && filter.to == nil
            ? PostgresStatement("SELECT coalesce(sum(t.n), 0)::int AS n FROM lesson_tallies t" + tallies.clause, tallies.values)
            : PostgresStatement("SELECT count(*)::int AS n FROM lessons l" + rows.clause, rows.values)
        // The page's size and offset are numbers in the SQL (Swift integers), so the planner plans for that
        // page: as parameters, a reused plan would assume a tenth of the table. The first pages' statements
        // stay prepared; a deeper page is planned once for itself. Each lesson's roster comes with it rather than
        // its enrolments and each student's name by key: 0.3 ms less of PostgreSQL a page.
        let page = PostgresStatement(
            pageColumns + rows.clause + "\nORDER BY l.starts_at, l.id LIMIT \(limit) OFFSET \(offset)",
            rows.values, planning: .page(offset: offset)
        )
        let results = try await database.pipeline([counting, page])
        let count: Int = try results[0][0].decode("n")
        let roster = decodedColumns.count
        return (count, try results[1].map { (try decode($0), try $0.decode(at: roster)) })
    }

    /// ``columns`` and then the roster, at the position after the last that ``decode(_:)`` reads.
    static let pageColumns = columns.replacingOccurrences(of: "\nFROM lessons l\n", with: ", l.roster\nFROM lessons l\n")
}

/// `AND`ed conditions and their values, each condition written around the placeholder its value gets.
private struct SQLConditions {
    var conditions: [String] = []
    var values: [(any PostgresEncodable)?] = []

    mutating func add(_ condition: (String) -> String, _ value: any PostgresEncodable) {
        values.append(value)
        conditions.append(condition("$\(values.count)"))
    }

    /// `WHERE …` on a line of its own, or nothing.
    var clause: String { conditions.isEmpty ? "" : "\nWHERE " + conditions.joined(separator: " AND ") }
}
