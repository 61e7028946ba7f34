import Postgres

/// A calendar month as the reports take it from the query string: `YYYY-MM` (an HTML month input).
struct ReportMonth: Sendable, Equatable {
    /// Its first day.
    let first: CalendarDate

    init(_ first: CalendarDate) {
        self.first = first.firstOfMonth
    }

    /// Parses exactly `YYYY-MM`.
    init?(_ text: String) {
        guard text.utf8.count == 7, let date = CalendarDate(text + "-01") else { return nil }
        self.init(date)
    }

    /// The first day of the next month: the reports' exclusive upper bound.
    var end: CalendarDate { first.firstOfNextMonth ?? first.lastOfMonth }

    var previous: ReportMonth { ReportMonth(first.adding(days: -1) ?? first) }

    /// `YYYY-MM`.
    var value: String { String(first.description.prefix(7)) }

    /// `November 2026` / `ноябрь 2026`.
    func label(_ format: LocalizedFormat) -> String {
        "\(format.monthName(first.month)) \(first.year)"
    }
}
