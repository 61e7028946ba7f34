import Postgres

/// The dates a commission report covers, as the query string names them: a month `2026-10`, a quarter
/// `2026-Q4`, a year `2026`, or an inclusive range `2026-10-01..2026-10-15` (dates in the organisation's
/// time zone, as entries are dated). Ranges span at most ten years.
struct CommissionPeriod: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case month, quarter, year, range
    }

    let kind: Kind
    /// The first day.
    let first: CalendarDate
    /// The last day, included.
    let last: CalendarDate

    static let longestRangeDays = 3660

    /// Parses one of the four forms; `nil` for anything else (a range that ends before it starts, too long).
    init?(_ text: String) {
        let text = text.trimmingCharacters(in: .whitespaces)
        guard text.utf8.count <= 30 else { return nil }
        let year = { (digits: Substring) -> Int? in
            digits.utf8.count == 4 && digits.allSatisfy(\.isASCII) ? Int(digits).flatMap { (1...9998).contains($0) ? $0 : nil } : nil
        }
        if let value = year(Substring(text)), let first = CalendarDate(year: value, month: 1, day: 1),
           let last = CalendarDate(year: value, month: 12, day: 31) {
            self.init(kind: .year, first: first, last: last)
        } else if text.utf8.count == 7, text.dropFirst(4).uppercased().hasPrefix("-Q"), let value = year(text.prefix(4)),
                  let quarter = Int(text.suffix(1)), (1...4).contains(quarter),
                  let first = CalendarDate(year: value, month: quarter * 3 - 2, day: 1),
                  let last = CalendarDate(year: value, month: quarter * 3, day: 1)?.lastOfMonth {
            self.init(kind: .quarter, first: first, last: last)
        } else if text.utf8.count == 7, year(text.prefix(4)) != nil, let first = CalendarDate(text + "-01") {
            self.init(kind: .month, first: first, last: first.lastOfMonth)
        } else if let separator = text.range(of: ".."), let first = CalendarDate(String(text[..<separator.lowerBound])),
                  let last = CalendarDate(String(text[separator.upperBound...])), first <= last,
                  last.daysSinceEpoch - first.daysSinceEpoch < Self.longestRangeDays {
            self.init(kind: .range, first: first, last: last)
        } else {
            return nil
        }
    }

    init(kind: Kind, first: CalendarDate, last: CalendarDate) {
        self.kind = kind
        self.first = first
        self.last = last
    }

    /// The month a date is in.
    static func month(of date: CalendarDate) -> CommissionPeriod {
        CommissionPeriod(kind: .month, first: date.firstOfMonth, last: date.lastOfMonth)
    }

    /// The day after the last: the reports' exclusive upper bound.
    var end: CalendarDate { last.adding(days: 1) ?? last }

    /// The period just before, of the same kind (a range: as many days, ending the day before this one starts).
    var previous: CommissionPeriod {
        let dayBefore = first.adding(days: -1) ?? first
        switch kind {
        case .month:
            return .month(of: dayBefore)
        case .quarter:
            let start = CalendarDate(year: dayBefore.year, month: (dayBefore.month - 1) / 3 * 3 + 1, day: 1) ?? dayBefore
            return CommissionPeriod(kind: .quarter, first: start, last: dayBefore)
        case .year:
            return CommissionPeriod(kind: .year, first: CalendarDate(year: dayBefore.year, month: 1, day: 1) ?? dayBefore, last: dayBefore)
        case .range:
            let length = last.daysSinceEpoch - first.daysSinceEpoch
            return CommissionPeriod(kind: .range, first: dayBefore.adding(days: -length) ?? dayBefore, last: dayBefore)
        }
    }

    /// The period just after, of the same kind.
    var next: CommissionPeriod {
        switch kind {
        case .month: return .month(of: end)
        case .quarter:
            let last = CalendarDate(year: end.year, month: end.month + 2, day: 1)?.lastOfMonth ?? end
            return CommissionPeriod(kind: .quarter, first: end, last: last)
        case .year:
            return CommissionPeriod(kind: .year, first: end, last: CalendarDate(year: end.year, month: 12, day: 31) ?? end)
        case .range:
            let length = last.daysSinceEpoch - first.daysSinceEpoch
            return CommissionPeriod(kind: .range, first: end, last: end.adding(days: length) ?? end)
        }
    }

    /// As the query string writes it: `2026-10`, `2026-Q4`, `2026`, `2026-10-01..2026-10-15`.
    var value: String {
        switch kind {
        case .month: String(first.description.prefix(7))
        case .quarter: "\(first.year)-Q\((first.month - 1) / 3 + 1)"
        case .year: String(first.year)
        case .range: "\(first)..\(last)"
        }
    }

    /// `October 2026`, `Q4 2026`, `2026`, `1 Oct 2026 – 15 Oct 2026` in the reader's language.
    func label(_ format: LocalizedFormat, localizer: Localizer) -> String {
        switch kind {
        case .month: "\(format.monthName(first.month)) \(first.year)"
        case .quarter: localizer.t("Q{quarter} {year}", ["quarter": String((first.month - 1) / 3 + 1), "year": String(first.year)])
        case .year: String(first.year)
        case .range: "\(format.date(first)) – \(format.date(last))"
        }
    }
}
