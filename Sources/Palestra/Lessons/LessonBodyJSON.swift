import Foundation

/// A lesson's fields in a `POST` (create) or `PATCH` (edit) body. A key left out keeps the lesson's
/// value on a `PATCH`; `room: null` takes the room away.
struct LessonBodyJSON: Decodable, Sendable {
    var title: String?
    var description: String?
    var teacher: Int?
    /// `.some(nil)`: `"room": null`.
    var room: Int??
    var startsAt: String?
    var endsAt: String?
    var students: [Int]?
    var version: Int?

    enum CodingKeys: String, CodingKey {
        case title, description, teacher, room, students, version
        case startsAt = "starts_at", endsAt = "ends_at"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        teacher = try container.decodeIfPresent(Int.self, forKey: .teacher)
        if container.contains(.room) { room = .some(try container.decodeIfPresent(Int.self, forKey: .room)) }
        startsAt = try container.decodeIfPresent(String.self, forKey: .startsAt)
        endsAt = try container.decodeIfPresent(String.self, forKey: .endsAt)
        students = try container.decodeIfPresent([Int].self, forKey: .students)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
    }

    /// The draft it makes over `base` (a new lesson's empty one, or the lesson's own for a `PATCH`).
    func draft(over base: LessonDraft) -> LessonDraft {
        var draft = base
        if let title { draft.title = title }
        if let description { draft.description = description }
        if let teacher { draft.teacherID = String(teacher) }
        if let room { draft.roomID = room.map(String.init) ?? "" }
        if let startsAt { draft.startsAt = startsAt }
        if let endsAt { draft.endsAt = endsAt }
        if let students { draft.studentIDs = students.map(String.init) }
        return draft
    }
}

/// The body of a transition: the version seen (optional) and, for a cancellation, the reason.
struct LessonTransitionBodyJSON: Decodable, Sendable {
    var reason: String?
    var version: Int?
}
