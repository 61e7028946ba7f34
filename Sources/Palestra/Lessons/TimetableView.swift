import Foundation
import Mustache
import Postgres

/// A week's timetable of one teacher or one room: seven days, Monday first, each with its lessons in
/// order; today marked. Links to the previous and next week keep the teacher or room.
struct TimetableView: Sendable {
    struct Day: Sendable {
        let name: String
        let dateISO: String
        let isToday: Bool
        let entries: [LessonListEntry]
        let hasEntries: Bool
    }

    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let heading: String
    let days: [Day]
    let previousURL: String
    let nextURL: String
    let thisWeekURL: String
    let teachers: [Option]
    let rooms: [Option]
    let weekISO: String

    init(
        lessons: [Lesson], monday: CalendarDate, today: CalendarDate, subject: String, query: (teacher: Int?, room: Int?),
        teachers: [LessonChoiceStore.Choice], rooms: [LessonChoiceStore.Choice], localizer: Localizer, timeZone: TimeZone
    ) {
        let format = localizer.format
        let sunday = monday.adding(days: 6) ?? monday
        heading = localizer.t("{subject}: week of {from} – {to}", ["subject": subject, "from": format.date(monday), "to": format.date(sunday)])
        days = (0..<7).compactMap { offset in
            guard let date = monday.adding(days: offset) else { return nil }
            let entries = lessons.filter { LocalMoment($0.startsAt, in: timeZone).date == date }.map { LessonListEntry($0, localizer: localizer, timeZone: timeZone) }
            return Day(name: format.longDate(date), dateISO: date.description, isToday: date == today, entries: entries, hasEntries: !entries.isEmpty)
        }
        func url(_ week: CalendarDate?) -> String {
            LessonsURL.timetable.path + queryString([
                ("teacher", query.teacher.map(String.init)), ("room", query.room.map(String.init)), ("week", week?.description),
            ])
        }
        previousURL = url(monday.adding(days: -7))
        nextURL = url(monday.adding(days: 7))
        thisWeekURL = url(nil)
        self.teachers = teachers.map { Option(value: String($0.id), label: $0.name, isSelected: $0.id == query.teacher) }
        self.rooms = rooms.map { Option(value: String($0.id), label: $0.name, isSelected: $0.id == query.room) }
        weekISO = monday.description
    }
}

extension TimetableView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .list("days", \.days), .text("previousURL", \.previousURL), .text("nextURL", \.nextURL),
        .text("thisWeekURL", \.thisWeekURL), .list("teachers", \.teachers), .list("rooms", \.rooms), .text("weekISO", \.weekISO),
    ])
}

extension TimetableView.Day: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("dateISO", \.dateISO), .bool("isToday", \.isToday), .list("entries", \.entries), .bool("hasEntries", \.hasEntries),
    ])
}

extension TimetableView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected)])
}
