import Foundation
import Mustache

/// A lesson in a list (My lessons, a timetable's day): its title, time, room, status and link.
struct LessonListEntry: Sendable {
    let title: String
    let when: String
    let time: String
    let room: String
    let hasRoom: Bool
    let teacher: String
    let status: String
    let statusKey: String
    let url: String

    init(_ lesson: Lesson, localizer: Localizer, timeZone: TimeZone) {
        title = lesson.title
        when = LessonPageView.when(lesson.startsAt, lesson.endsAt, localizer: localizer, timeZone: timeZone)
        time = localizer.format.time(LocalMoment(lesson.startsAt, in: timeZone).time) + "–" + localizer.format.time(LocalMoment(lesson.endsAt, in: timeZone).time)
        room = lesson.roomName ?? ""
        hasRoom = lesson.roomName != nil
        teacher = lesson.teacher.name
        status = localizer.t(lesson.status.label)
        statusKey = lesson.status.rawValue
        url = LessonsURL.lesson(lesson.id)
    }
}

extension LessonListEntry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("when", \.when), .text("time", \.time), .text("room", \.room), .bool("hasRoom", \.hasRoom), .text("teacher", \.teacher),
        .text("status", \.status), .text("statusKey", \.statusKey), .text("url", \.url),
    ])
}
