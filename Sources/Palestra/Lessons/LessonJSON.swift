import Foundation
import Hummingbird
import Postgres

/// A lesson as the API shows it; times in RFC 3339 with the organisation's offset.
struct LessonJSON: Encodable, Sendable {
    struct Person: Codable, Sendable {
        let id: Int
        let name: String
    }

    /// The students: people read by key, or the lesson's roster, which PostgreSQL keeps as this same JSON
    /// (`lessons.roster`, migration 0018) and the writer copies as it is.
    enum Students: Encodable, Sendable {
        case people([Person])
        case roster(String)

        func encode(to encoder: any Encoder) throws {
            switch self {
            case .people(let people): try people.encode(to: encoder)
            case .roster(let json): try JSONDecoder().decode([Person].self, from: Data(json.utf8)).encode(to: encoder)
            }
        }
    }

    let id: Int
    let title: String
    let description: String
    let teacher: Person
    let room: Person?
    let startsAt: Date
    let endsAt: Date
    let status: String
    let startedAt: Date?
    let completedAt: Date?
    let cancelledAt: Date?
    let cancelReason: String?
    let students: Students
    let version: Int
    let createdAt: Date
    let updatedAt: Date
    /// The clock the times are written on.
    let timeZone: TimeZone

    enum CodingKeys: String, CodingKey {
        case id, title, description, teacher, room, status, students, version
        case startsAt = "starts_at", endsAt = "ends_at", startedAt = "started_at", completedAt = "completed_at"
        case cancelledAt = "cancelled_at", cancelReason = "cancel_reason", createdAt = "created_at", updatedAt = "updated_at"
    }

    /// `roster`: the lesson's students as `lessons.roster` holds them, in place of `lesson.students`.
    init(_ lesson: Lesson, timeZone: TimeZone, roster: String? = nil) {
        id = lesson.id
        title = lesson.title
        description = lesson.description
        teacher = Person(id: lesson.teacher.id, name: lesson.teacher.name)
        room = lesson.roomID.map { Person(id: $0, name: lesson.roomName ?? "") }
        startsAt = lesson.startsAt
        endsAt = lesson.endsAt
        status = lesson.status.rawValue
        startedAt = lesson.startedAt
        completedAt = lesson.completedAt
        cancelledAt = lesson.cancelledAt
        cancelReason = lesson.cancelReason
        students = roster.map(Students.roster) ?? .people(lesson.students.map { Person(id: $0.id, name: $0.name) })
        version = lesson.version
        createdAt = lesson.createdAt
        updatedAt = lesson.updatedAt
        self.timeZone = timeZone
    }

    /// Every key written, `null` included: the schema lists them all as required.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(teacher, forKey: .teacher)
        try container.encode(room, forKey: .room)
        try container.encode(Self.rfc3339(startsAt, timeZone), forKey: .startsAt)
        try container.encode(Self.rfc3339(endsAt, timeZone), forKey: .endsAt)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt.map { Self.rfc3339($0, timeZone) }, forKey: .startedAt)
        try container.encode(completedAt.map { Self.rfc3339($0, timeZone) }, forKey: .completedAt)
        try container.encode(cancelledAt.map { Self.rfc3339($0, timeZone) }, forKey: .cancelledAt)
        try container.encode(cancelReason, forKey: .cancelReason)
        try container.encode(students, forKey: .students)
        try container.encode(version, forKey: .version)
        try container.encode(Self.rfc3339(createdAt, timeZone), forKey: .createdAt)
        try container.encode(Self.rfc3339(updatedAt, timeZone), forKey: .updatedAt)
    }

    /// `2026-12-07T10:00:00+03:00`.
    static func rfc3339(_ date: Date, _ timeZone: TimeZone) -> String {
        RFC3339.string(date, timeZone)
    }
}

/// A page of lessons, as DRF paginates: `count`, `next`, `previous` (absolute paths with the query), `results`.
struct LessonPageJSON: Encodable, Sendable {
    let count: Int
    let next: String?
    let previous: String?
    let results: [LessonJSON]

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(next, forKey: .next)
        try container.encode(previous, forKey: .previous)
        try container.encode(results, forKey: .results)
    }

    enum CodingKeys: String, CodingKey { case count, next, previous, results }
}
