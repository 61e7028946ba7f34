import Foundation
import Mustache

/// A lesson's page: its details, students, rendered description, the transitions this user may apply
/// now (each a small form carrying the version they saw), and its history.
struct LessonPageView: Sendable {
    struct Action: Sendable {
        let label: String
        let url: String
        let isDanger: Bool
        /// Cancel leads to its own small form (a GET); start and complete post at once.
        let isPost: Bool
    }

    struct HistoryEntry: Sendable {
        let when: String
        let text: String
        let reason: String
        let hasReason: Bool
    }

    let title: String
    let status: String
    let statusKey: String
    let when: String
    let room: String
    let teacher: String
    let students: [String]
    let hasStudents: Bool
    let descriptionHTML: String
    let hasDescription: Bool
    let cancellation: String
    let isCancelled: Bool
    let isNotHeld: Bool
    let notice: String
    let hasNotice: Bool
    let actions: [Action]
    let hasActions: Bool
    let editURL: String
    let mayEdit: Bool
    let history: [HistoryEntry]
    let teacherTimetableURL: String
    let roomTimetableURL: String
    let hasRoom: Bool
    let version: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(
        lesson: Lesson, events: [LessonEvent], user: User, csrfToken: String, notice: String?, localizer: Localizer, timeZone: TimeZone,
        now: Date = Date()
    ) {
        let format = localizer.format
        title = lesson.title
        status = localizer.t(lesson.status.label)
        statusKey = lesson.status.rawValue
        when = Self.when(lesson.startsAt, lesson.endsAt, localizer: localizer, timeZone: timeZone)
        room = lesson.roomName ?? localizer.t("No room")
        hasRoom = lesson.roomID != nil
        teacher = lesson.teacher.name
        students = lesson.students.map(\.name)
        hasStudents = !students.isEmpty
        descriptionHTML = Markdown.html(lesson.description)
        hasDescription = !lesson.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        isCancelled = lesson.status == .cancelled
        cancellation = lesson.cancelledAt.map { at in
            localizer.t("Cancelled {when} by {name}: {reason}", [
                "when": format.dateTime(at, in: timeZone), "name": lesson.cancelledByName ?? localizer.t("the system"), "reason": lesson.cancelReason ?? "",
            ])
        } ?? ""
        isNotHeld = lesson.isNotHeld(now: now)
        self.notice = notice ?? ""
        hasNotice = notice != nil
        actions = LessonTransition.allCases.filter { $0.isOffered(for: lesson, to: user, now: now) }.map { transition in
            Action(
                label: localizer.t(transition.label), url: LessonsURL.transition(lesson.id, transition),
                isDanger: transition == .cancel, isPost: transition != .cancel
            )
        }
        hasActions = !actions.isEmpty
        editURL = LessonsURL.edit(lesson.id)
        mayEdit = LessonAccess(user: user).mayConduct(lesson) && !lesson.status.isFinal
        history = events.reversed().map { event in
            let actor = event.actorLabel ?? localizer.t("the system")
            let text: String = switch event.kind {
            case .created: localizer.t("{name} planned the lesson", ["name": actor])
            case .changed: localizer.t("{name} changed the lesson", ["name": actor])
            case .started, .completed, .cancelled:
                localizer.t("{name}: {from} → {to}", [
                    "name": actor, "from": event.from.map { localizer.t($0.label) } ?? "—", "to": event.to.map { localizer.t($0.label) } ?? "—",
                ])
            }
            return HistoryEntry(when: format.dateTime(event.occurredAt, in: timeZone), text: text, reason: event.reason ?? "", hasReason: event.reason != nil)
        }
        teacherTimetableURL = LessonsURL.timetable.path + "?teacher=\(lesson.teacher.id)"
        roomTimetableURL = LessonsURL.timetable.path + "?room=\(lesson.roomID ?? 0)"
        version = String(lesson.version)
        self.csrfToken = csrfToken
    }

    /// "Mon 7 Dec 2026, 10:00–11:30" (the end's date too when it differs).
    static func when(_ start: Date, _ end: Date, localizer: Localizer, timeZone: TimeZone) -> String {
        let from = LocalMoment(start, in: timeZone)
        let to = LocalMoment(end, in: timeZone)
        let format = localizer.format
        let endText = from.date == to.date ? format.time(to.time) : format.date(to.date) + ", " + format.time(to.time)
        return format.longDate(from.date) + ", " + format.time(from.time) + "–" + endText
    }
}

extension LessonPageView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("status", \.status), .text("statusKey", \.statusKey), .text("when", \.when), .text("room", \.room),
        .text("teacher", \.teacher), .list("students", \.students), .bool("hasStudents", \.hasStudents), .html("descriptionHTML", \.descriptionHTML),
        .bool("hasDescription", \.hasDescription), .text("cancellation", \.cancellation), .bool("isCancelled", \.isCancelled),
        .bool("isNotHeld", \.isNotHeld), .text("notice", \.notice), .bool("hasNotice", \.hasNotice), .list("actions", \.actions),
        .bool("hasActions", \.hasActions), .text("editURL", \.editURL), .bool("mayEdit", \.mayEdit), .list("history", \.history),
        .text("teacherTimetableURL", \.teacherTimetableURL), .text("roomTimetableURL", \.roomTimetableURL), .bool("hasRoom", \.hasRoom),
        .text("version", \.version), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}

extension LessonPageView.Action: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url), .bool("isDanger", \.isDanger), .bool("isPost", \.isPost),
    ])
}

extension LessonPageView.HistoryEntry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("when", \.when), .text("text", \.text), .text("reason", \.reason), .bool("hasReason", \.hasReason),
    ])
}
