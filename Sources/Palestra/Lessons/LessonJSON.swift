import Foundation
import Hummingbird
import Postgres

/// A lesson as the API shows it; times in RFC 3339 with the organisation's offset.
struct LessonJSON: Encodable, Sendable {
    struct Person: Encodable, Sendable {
        let id: Int
        let name: String
    }

    let id: Int
    let title: String
    let description: String
    let teacher: Person
    let room: Person?
    let startsAt: String
    let endsAt: String
    let status: String
    let startedAt: String?
    let completedAt: String?
    let cancelledAt: String?
    let cancelReason: String?
    let students: [Person]
    let version: Int
    let createdAt: String
    let updatedAt: String

    enum CodingKeys: String, CodingKey {
        case id, title, description, teacher, room, status, students, version
        case startsAt = "starts_at", endsAt = "ends_at", startedAt = "started_at", completedAt = "completed_at"
        case cancelledAt = "cancelled_at", cancelReason = "cancel_reason", createdAt = "created_at", updatedAt = "updated_at"
    }

    init(_ lesson: Lesson, timeZone: TimeZone) {
        let time = { (date: Date) in Self.rfc3339(date, timeZone) }
        id = lesson.id
        title = lesson.title
        description = lesson.description
        teacher = Person(id: lesson.teacher.id, name: lesson.teacher.name)
        room = lesson.roomID.map { Person(id: $0, name: lesson.roomName ?? "") }
        startsAt = time(lesson.startsAt)
        endsAt = time(lesson.endsAt)
        status = lesson.status.rawValue
        startedAt = lesson.startedAt.map(time)
        completedAt = lesson.completedAt.map(time)
        cancelledAt = lesson.cancelledAt.map(time)
        cancelReason = lesson.cancelReason
        students = lesson.students.map { Person(id: $0.id, name: $0.name) }
        version = lesson.version
        createdAt = time(lesson.createdAt)
        updatedAt = time(lesson.updatedAt)
    }

    /// Every key written, `null` included: the schema lists them all as required.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encode(description, forKey: .description)
        try container.encode(teacher, forKey: .teacher)
        try container.encode(room, forKey: .room)
        try container.encode(startsAt, forKey: .startsAt)
        try container.encode(endsAt, forKey: .endsAt)
        try container.encode(status, forKey: .status)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(completedAt, forKey: .completedAt)
        try container.encode(cancelledAt, forKey: .cancelledAt)
        try container.encode(cancelReason, forKey: .cancelReason)
        try container.encode(students, forKey: .students)
        try container.encode(version, forKey: .version)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    /// `2026-12-07T10:00:00+03:00`.
    static func rfc3339(_ date: Date, _ timeZone: TimeZone) -> String {
        // The time zone asked for its offset once, not twice (a list of 50 lessons writes 200 times).
        let offset = timeZone.secondsFromGMT(for: date)
        guard let (day, clock) = CalendarDate.split(date, offset: offset) else {
            preconditionFailure("the clock is outside the years 1…9999: \(date)")
        }
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        // Written into the string's own storage: interpolating eleven small strings was a tenth of the list's
        // server time (`String(format:)`, before that, a fifth).
        return String(unsafeUninitializedCapacity: 25) { buffer in
            var index = 0
            func put(_ value: Int, _ digits: Int) {
                var rest = value
                for position in (index..<index + digits).reversed() {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                index += digits
            }
            func put(_ character: Unicode.Scalar) {
                buffer[index] = UInt8(ascii: character)
                index += 1
            }
            put(day.year, 4); put("-"); put(day.month, 2); put("-"); put(day.day, 2); put("T")
            put(clock.hour, 2); put(":"); put(clock.minute, 2); put(":"); put(clock.second, 2)
            put(offset < 0 ? "-" : "+"); put(hours, 2); put(":"); put(minutes, 2)
            return index
        }
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
