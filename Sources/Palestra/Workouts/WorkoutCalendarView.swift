import Mustache
import Postgres

/// `/workouts/calendar?month=2026-11`: the month's weeks, Monday first, each day with its occurrences coloured by
/// state; on phones the same weeks read as a list (empty days hidden).
struct WorkoutCalendarView: Sendable {
    struct Week: Sendable { let days: [Day] }
    struct Day: Sendable {
        let label: String
        let dayNumber: String
        let isToday: Bool
        let isOtherMonth: Bool
        let isEmpty: Bool
        /// Empty and not today: left out of the phone's week list.
        let isQuiet: Bool
        let entries: [Item]
    }
    struct Item: Sendable {
        let name: String
        let time: String
        let state: String
        let stateLabel: String
        let url: String
    }

    let heading: String
    let month: String
    let monthError: String
    let hasMonthError: Bool
    let previousURL: String
    let nextURL: String
    let todayURL: String
    let listURL = WorkoutURL.list.path
    let calendarURL = WorkoutURL.calendar.path
    let newURL = WorkoutURL.new.path
    let historyURL = WorkoutURL.history.path
    let weekdays: [String]
    let weeks: [Week]

    init(month: ReportMonth, monthError: String?, agenda: WorkoutAgenda, today: CalendarDate, localizer: Localizer) {
        let format = localizer.format
        heading = localizer.t("Workouts: {month}", ["month": month.label(format)])
        self.month = month.value
        self.monthError = monthError ?? ""
        hasMonthError = monthError != nil
        previousURL = WorkoutURL.calendar(month: month.previous.value)
        nextURL = WorkoutURL.calendar(month: ReportMonth(month.end).value)
        todayURL = WorkoutURL.calendar(month: ReportMonth(today).value)
        weekdays = (1...7).map(format.weekdayName)
        // The agenda's days are consecutive (every day of its range): a day's entries are found by its distance from
        // the first.
        let firstDay = agenda.days.first?.date.daysSinceEpoch ?? 0
        func entries(on day: CalendarDate) -> [WorkoutAgenda.Entry] {
            let offset = day.daysSinceEpoch - firstDay
            return agenda.days.indices.contains(offset) ? agenda.days[offset].entries : []
        }
        // A month shows hundreds of entries but a few states and times: each label and time formatted once.
        let states = WorkoutAgenda.Entry.State.allCases
        let stateLabels = states.map { localizer.t(Self.stateKey($0)) }
        var times: [Int: String] = [:]
        let firstShown = month.first.adding(days: -(month.first.weekday - 1)) ?? month.first
        let last = month.first.lastOfMonth
        var weeks: [Week] = []
        var day = firstShown
        while day <= last {
            var days: [Day] = []
            for _ in 0..<7 {
                let entries = entries(on: day).map { entry in
                    let time: String
                    if let known = times[entry.startsAt.secondsSinceMidnight] {
                        time = known
                    } else {
                        time = format.time(entry.startsAt)
                        times[entry.startsAt.secondsSinceMidnight] = time
                    }
                    return Item(
                        name: entry.name, time: time, state: entry.state.rawValue,
                        stateLabel: stateLabels[states.firstIndex(of: entry.state) ?? 0], url: entry.url
                    )
                }
                days.append(Day(
                    label: format.longDate(day), dayNumber: String(day.day), isToday: day == today,
                    isOtherMonth: day.month != month.first.month, isEmpty: entries.isEmpty, isQuiet: entries.isEmpty && day != today, entries: entries
                ))
                day = day.adding(days: 1) ?? day
            }
            weeks.append(Week(days: days))
        }
        self.weeks = weeks
    }

    static func stateKey(_ state: WorkoutAgenda.Entry.State) -> String {
        switch state {
        case .planned: CatalogKey.t("Planned")
        case .inProgress: CatalogKey.t("In progress")
        case .completed: CatalogKey.t("Done")
        case .cancelled: CatalogKey.t("Cancelled")
        case .missed: CatalogKey.t("Missed")
        }
    }
}

extension WorkoutCalendarView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("month", \.month), .text("monthError", \.monthError), .bool("hasMonthError", \.hasMonthError),
        .text("previousURL", \.previousURL), .text("nextURL", \.nextURL), .text("todayURL", \.todayURL), .text("listURL", \.listURL), .text("calendarURL", \.calendarURL),
        .text("newURL", \.newURL), .text("historyURL", \.historyURL), .list("weekdays", \.weekdays), .list("weeks", \.weeks),
    ])
}

extension WorkoutCalendarView.Week: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.list("days", \.days)])
}

extension WorkoutCalendarView.Day: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("dayNumber", \.dayNumber), .bool("isToday", \.isToday),
        .bool("isOtherMonth", \.isOtherMonth), .bool("isEmpty", \.isEmpty), .bool("isQuiet", \.isQuiet), .list("entries", \.entries),
    ])
}

extension WorkoutCalendarView.Item: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("time", \.time), .text("state", \.state), .text("stateLabel", \.stateLabel), .text("url", \.url),
    ])
}
