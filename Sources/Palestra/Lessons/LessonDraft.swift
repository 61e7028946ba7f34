import Foundation
import Postgres

/// A lesson as a form or a JSON body submits it: text as typed, to be checked by ``validate(timeZone:)``.
/// Times are the organisation's wall clock (`datetime-local`, `2026-12-07T10:00`) from a page, or
/// RFC 3339 with an offset from the API.
struct LessonDraft: Sendable, Equatable {
    var title = ""
    var description = ""
    var teacherID = ""
    var roomID = ""
    var startsAt = ""
    var endsAt = ""
    var studentIDs: [String] = []

    static let titleLength = 1...200
    static let descriptionLimit = 20_000
    static let longest: TimeInterval = 12 * 3600
    static let studentLimit = 200

    /// The fields of a form, as the lesson form names them.
    init(form: FormData) {
        title = form.value("title") ?? ""
        description = form.value("description") ?? ""
        teacherID = form.value("teacher") ?? ""
        roomID = form.value("room") ?? ""
        startsAt = form.value("starts_at") ?? ""
        endsAt = form.value("ends_at") ?? ""
        studentIDs = form.values("students")
    }

    init() {}

    /// The plan it describes, or a message (a catalog key) per field that is wrong.
    func validate(timeZone: TimeZone) -> LessonCheck {
        var errors = LessonFieldErrors()
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty {
            errors["title"] = CatalogKey.t("Enter a title.")
        } else if title.count > Self.titleLength.upperBound {
            errors["title"] = CatalogKey.t("The title is longer than 200 characters.")
        } else if title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors["title"] = CatalogKey.t("The title cannot contain control characters.")
        }
        if description.count > Self.descriptionLimit { errors["description"] = CatalogKey.t("The description is longer than 20,000 characters.") }
        // A form refuses NUL before this (400); through the API it would reach PostgreSQL, which cannot store it.
        if description.unicodeScalars.contains("\u{0}") { errors["description"] = CatalogKey.t("The description cannot contain a NUL character.") }
        let teacher = Self.id(teacherID)
        if teacher == nil { errors["teacher"] = CatalogKey.t("Choose a teacher.") }
        let room: Int?? = roomID.trimmingCharacters(in: .whitespaces).isEmpty ? .some(nil) : Self.id(roomID).map { .some($0) }
        if room == nil { errors["room"] = CatalogKey.t("Choose a room from the list.") }
        let start = Self.moment(startsAt, timeZone: timeZone)
        let end = Self.moment(endsAt, timeZone: timeZone)
        if start == nil { errors["starts_at"] = startsAt.isEmpty ? CatalogKey.t("Enter when the lesson starts.") : CatalogKey.t("Enter a date and time such as 2026-12-07 10:00.") }
        if end == nil { errors["ends_at"] = endsAt.isEmpty ? CatalogKey.t("Enter when the lesson ends.") : CatalogKey.t("Enter a date and time such as 2026-12-07 10:00.") }
        if let start, let end {
            if end <= start {
                errors["ends_at"] = CatalogKey.t("The lesson must end after it starts.")
            } else if end.timeIntervalSince(start) > Self.longest {
                errors["ends_at"] = CatalogKey.t("A lesson lasts at most 12 hours.")
            }
        }
        let students = studentIDs.filter { !$0.isEmpty }.map(Self.id)
        if students.contains(nil) {
            errors["students"] = CatalogKey.t("Choose students from the list.")
        } else if Set(students).count > Self.studentLimit {
            errors["students"] = CatalogKey.t("A lesson has at most 200 students.")
        }
        guard errors.isEmpty, let teacher, let room, let start, let end else { return .invalid(errors) }
        return .valid(LessonPlan(
            title: title, description: description, teacherID: teacher, roomID: room, startsAt: start, endsAt: end,
            studentIDs: Array(Set(students.compactMap { $0 })).sorted()
        ))
    }

    /// A positive id within PostgreSQL's `bigint`.
    static func id(_ text: String) -> Int? {
        Int(text.trimmingCharacters(in: .whitespaces)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// `2026-12-07T10:00` on the organisation's clock, or RFC 3339 with an offset; years 2000–2100.
    static func moment(_ text: String, timeZone: TimeZone) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.count <= 40 else { return nil }
        let date: Date?
        if let local = LocalMoment(text.replacingOccurrences(of: " ", with: "T")) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            date = calendar.date(from: DateComponents(
                year: local.date.year, month: local.date.month, day: local.date.day,
                hour: local.time.hour, minute: local.time.minute, second: local.time.second
            ))
        } else {
            date = try? Date(text, strategy: .iso8601)
        }
        guard let date, (946_684_800...4_133_980_800).contains(date.timeIntervalSince1970) else { return nil }
        return date
    }
}

/// A message (a catalog key) per field name.
typealias LessonFieldErrors = [String: String]

/// What ``LessonDraft/validate(timeZone:)`` found.
enum LessonCheck: Sendable, Equatable {
    case valid(LessonPlan)
    case invalid(LessonFieldErrors)
}

/// A checked lesson: what the store writes.
struct LessonPlan: Sendable, Equatable {
    let title: String
    let description: String
    let teacherID: Int
    let roomID: Int?
    let startsAt: Date
    let endsAt: Date
    let studentIDs: [Int]
}
