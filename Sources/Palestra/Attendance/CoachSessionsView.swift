import Postgres
import Mustache

/// `/coach`: the coach's sessions today, in the next 7 days, and past ones with athletes unmarked.
struct CoachSessionsView: Sendable {
    struct Entry: Sendable {
        let groupName: String
        /// The long style, weekday first (``LocalizedFormat/longDate(_:)``), as the journal names the day.
        let date: String
        let dateISO: String
        let time: String
        let location: String
        let hasLocation: Bool
        let status: String
        /// `planned`, `held` or `cancelled`: the status badge's modifier.
        let statusKey: String
        let isClosed: Bool
        /// "3 of 12 marked".
        let marked: String
        let isComplete: Bool
        let journalURL: String
    }

    struct Section: Sendable {
        let id: String
        let title: String
        let entries: [Entry]
        let hasEntries: Bool
        let emptyText: String
    }

    let sections: [Section]
    let seesEveryGroup: Bool

    /// `sessions` as the store lists them (by date), split by `today`: today's, the next days', and the
    /// earlier ones, the most recent first.
    init(sessions: [CoachSessionSummary], today: CalendarDate, seesEveryGroup: Bool, localizer: Localizer) {
        let entries = sessions.map { (summary: $0, entry: Self.entry($0, localizer: localizer)) }
        func section(_ id: String, _ title: String, _ empty: String, newestFirst: Bool = false, _ include: (CalendarDate) -> Bool) -> Section {
            let inOrder = entries.filter { include($0.summary.date) }.map(\.entry)
            let chosen = newestFirst ? Array(inOrder.reversed()) : inOrder
            return Section(id: id, title: title, entries: chosen, hasEntries: !chosen.isEmpty, emptyText: empty)
        }
        sections = [
            section("today", localizer.t("Today"), localizer.t("No sessions today."), { $0 == today }),
            section("next", localizer.t("Next 7 days"), localizer.t("No sessions in the next 7 days."), { $0 > today }),
            section("unmarked", localizer.t("Past sessions with unmarked athletes"), localizer.t("Every past session is marked or closed."), newestFirst: true, { $0 < today }),
        ]
        self.seesEveryGroup = seesEveryGroup
    }

    static func entry(_ session: CoachSessionSummary, localizer: Localizer) -> Entry {
        let format = localizer.format
        return Entry(
            groupName: session.groupName,
            date: format.longDate(session.date),
            dateISO: session.date.description,
            time: format.time(session.startsAt) + "–" + format.time(session.endsAt),
            location: session.location,
            hasLocation: !session.location.isEmpty,
            status: session.status.label(localizer),
            statusKey: session.status.rawValue,
            isClosed: session.isClosed,
            marked: localizer.t("{marked} of {total} marked", ["marked": format.number(session.marked), "total": format.number(session.members)]),
            isComplete: session.members > 0 && session.marked == session.members,
            journalURL: AttendanceURL.journal(session.id)
        )
    }
}

extension CoachSessionsView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("sections", \.sections), .bool("seesEveryGroup", \.seesEveryGroup),
    ])
}

extension CoachSessionsView.Section: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("id", \.id), .text("title", \.title), .list("entries", \.entries), .bool("hasEntries", \.hasEntries),
        .text("emptyText", \.emptyText),
    ])
}

extension CoachSessionsView.Entry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("groupName", \.groupName), .text("date", \.date), .text("dateISO", \.dateISO),
        .text("time", \.time), .text("location", \.location), .bool("hasLocation", \.hasLocation), .text("status", \.status),
        .text("statusKey", \.statusKey), .bool("isClosed", \.isClosed), .text("marked", \.marked),
        .bool("isComplete", \.isComplete), .text("journalURL", \.journalURL),
    ])
}
