import Foundation
import Mustache

/// "My lessons": a teacher's today, this week and not held; a student's upcoming and past; a
/// manager's or an administrator's this week of everyone's.
struct MyLessonsView: Sendable {
    struct Section: Sendable {
        let id: String
        let title: String
        let entries: [LessonListEntry]
        let hasEntries: Bool
        let emptyText: String
    }

    let sections: [Section]
    let mayPlan: Bool
    let newURL: String
    let timetableURL: String

    init(lessons: [Lesson], user: User, now: Date, week: (start: Date, end: Date), today: (start: Date, end: Date), localizer: Localizer, timeZone: TimeZone) {
        func section(_ id: String, _ title: String, _ empty: String, _ chosen: [Lesson]) -> Section {
            Section(
                id: id, title: localizer.t(title), entries: chosen.map { LessonListEntry($0, localizer: localizer, timeZone: timeZone) },
                hasEntries: !chosen.isEmpty, emptyText: localizer.t(empty)
            )
        }
        let notHeld = lessons.filter { $0.isNotHeld(now: now) }
        let current = lessons.filter { !$0.isNotHeld(now: now) || $0.endsAt > week.start }
        if user.role == .student {
            sections = [
                section("upcoming", CatalogKey.t("Upcoming"), CatalogKey.t("No upcoming lessons."), current.filter { $0.endsAt > now && $0.status != .cancelled && $0.status != .completed }),
                section("past", CatalogKey.t("Past and cancelled"), CatalogKey.t("No past lessons this week."), Array(current.filter { $0.endsAt <= now || $0.status.isFinal }.reversed())),
            ]
        } else {
            sections = [
                section("today", CatalogKey.t("Today"), CatalogKey.t("No lessons today."), current.filter { $0.startsAt < today.end && $0.endsAt > today.start }),
                section("week", CatalogKey.t("This week"), CatalogKey.t("No lessons this week."), current.filter { $0.startsAt < week.end && $0.endsAt > week.start }),
                section("not-held", CatalogKey.t("Not held"), CatalogKey.t("Every past lesson was held or cancelled."), notHeld),
            ]
        }
        mayPlan = LessonAccess(user: user).mayPlan
        newURL = LessonsURL.new.path
        timetableURL = LessonsURL.timetable.path + (user.role == .coach ? "?teacher=\(user.id)" : "")
    }
}

extension MyLessonsView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("sections", \.sections), .bool("mayPlan", \.mayPlan), .text("newURL", \.newURL), .text("timetableURL", \.timetableURL),
    ])
}

extension MyLessonsView.Section: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("id", \.id), .text("title", \.title), .list("entries", \.entries), .bool("hasEntries", \.hasEntries), .text("emptyText", \.emptyText),
    ])
}
