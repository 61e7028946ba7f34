import Postgres

/// The dates a workout occurs on: its start date, its rule (none for a one-off) and the dates excluded from it.
///
/// Follows RFC 5545 as python-dateutil's `rrule` reads it: the rule's dates on or after the start date; COUNT
/// counts them before EXDATE removes any; UNTIL is inclusive; a monthly rule on the 29th–31st skips the
/// months without that day, BYMONTHDAY=-1 is each month's last day; weekly periods start on Monday.
/// Saved workouts always start on a date their rule produces (the form moves the start there), so the
/// start date is the first occurrence.
public struct WorkoutRecurrence: Sendable, Hashable {
    public var start: CalendarDate
    public var rule: RecurrenceRule?
    public var excluded: Set<CalendarDate>

    public init(start: CalendarDate, rule: RecurrenceRule?, excluded: Set<CalendarDate> = []) {
        self.start = start
        self.rule = rule
        self.excluded = excluded
    }

    /// The occurrences from `from` through `through` (both inclusive), in order, at most `limit` of them.
    public func occurrences(from: CalendarDate, through: CalendarDate, limit: Int = .max) -> [CalendarDate] {
        var dates: [CalendarDate] = []
        guard limit > 0, from <= through else { return dates }
        forEachProduced(through: through, skippingTo: from) { date in
            if date >= from && !excluded.contains(date) {
                dates.append(date)
                if dates.count >= limit { return false }
            }
            return true
        }
        return dates
    }

    /// The first occurrence on or after `date` (none within 400 years ends the search).
    public func nextOccurrence(onOrAfter date: CalendarDate) -> CalendarDate? {
        let horizon = CalendarDate(year: min(date.year + 400, 9999), month: 12, day: 31) ?? date
        return occurrences(from: date, through: horizon, limit: 1).first
    }

    /// Whether the workout occurs on `date`.
    public func occurs(on date: CalendarDate) -> Bool {
        occurrences(from: date, through: date).first == date
    }

    /// The first date the rule produces on or after the start date, exclusions aside (none: the rule is empty).
    public var firstProduced: CalendarDate? {
        let horizon = CalendarDate(year: min(start.year + 400, 9999), month: 12, day: 31) ?? start
        var first: CalendarDate?
        forEachProduced(through: horizon) { date in
            first = date
            return false
        }
        return first
    }

    /// The last date the rule produces, exclusions aside; `nil` for a rule without an end.
    public var lastProduced: CalendarDate? {
        guard let rule else { return start }
        guard rule.end != .never else { return nil }
        var last: CalendarDate?
        forEachProduced(through: CalendarDate(year: 9999, month: 12, day: 31)!) { date in
            last = date
            return true
        }
        return last
    }

    /// How many dates the rule produces before `date` (exclusions counted), up to `date` exclusive.
    public func producedCount(before date: CalendarDate) -> Int {
        var count = 0
        guard let last = date.adding(days: -1), last >= start else { return 0 }
        forEachProduced(through: last) { _ in
            count += 1
            return true
        }
        return count
    }

    /// Calls `body` with each date the rule produces (exclusions included) from the start through `through`,
    /// in order, until it returns false. Without COUNT, periods wholly before `skippingTo` are jumped over
    /// (they cannot matter to the caller); with COUNT, every period from the start is counted.
    func forEachProduced(through: CalendarDate, skippingTo: CalendarDate? = nil, _ body: (CalendarDate) -> Bool) {
        guard let rule else {
            if start <= through { _ = body(start) }
            return
        }
        var produced = 0
        let until: CalendarDate? = if case .until(let date) = rule.end { date } else { nil }
        let count: Int? = if case .count(let value) = rule.end { value } else { nil }
        let limit = min(through, until ?? through)
        var period = 0
        if count == nil, let skippingTo, skippingTo > start {
            period = max(0, firstPeriod(of: rule, near: skippingTo) - 1)
        }
        var emptyPeriods = 0
        while true {
            guard let candidates = candidates(of: rule, period: period) else { return }
            if let first = candidates.first, first > limit { return }
            if candidates.isEmpty {
                // A monthly rule on the 31st with INTERVAL=12 from February never produces: stop after 400 years.
                emptyPeriods += 1
                if emptyPeriods > 4800 { return }
            } else {
                emptyPeriods = 0
            }
            for date in candidates where date >= start {
                if date > limit { return }
                produced += 1
                if !body(date) { return }
                if let count, produced >= count { return }
            }
            if rule.frequency == .monthly, candidates.isEmpty, periodStart(of: rule, period: period) > limit { return }
            period += 1
        }
    }

    /// The dates the rule produces in its `period`-th period (0 is the start's day, week or month), sorted;
    /// `nil` past the year 9999.
    private func candidates(of rule: RecurrenceRule, period: Int) -> [CalendarDate]? {
        switch rule.frequency {
        case .daily:
            return start.adding(days: period * rule.interval).map { [$0] }
        case .weekly:
            let monday = start.daysSinceEpoch - (start.weekday - 1) + period * rule.interval * 7
            let weekdays = rule.weekdays.isEmpty ? [start.weekday] : rule.weekdays
            var dates: [CalendarDate] = []
            for weekday in weekdays {
                guard let date = CalendarDate(daysSinceEpoch: monday + weekday - 1) else { return nil }
                dates.append(date)
            }
            return dates
        case .monthly:
            let months = start.year * 12 + (start.month - 1) + period * rule.interval
            let year = months / 12
            let month = months % 12 + 1
            guard year <= 9999, let first = CalendarDate(year: year, month: month, day: 1) else { return nil }
            let length = first.lastOfMonth.day
            let days = rule.monthDays.isEmpty ? [start.day] : rule.monthDays
            let resolved = Set(days.compactMap { day -> Int? in
                let actual = day < 0 ? length + 1 + day : day
                return (1...length).contains(actual) ? actual : nil
            })
            return resolved.sorted().compactMap { CalendarDate(year: year, month: month, day: $0) }
        }
    }

    /// The period holding `date` (0 is the start's), by the rule's frequency and interval.
    private func firstPeriod(of rule: RecurrenceRule, near date: CalendarDate) -> Int {
        switch rule.frequency {
        case .daily:
            return (date.daysSinceEpoch - start.daysSinceEpoch) / rule.interval
        case .weekly:
            let dateMonday = date.daysSinceEpoch - (date.weekday - 1)
            let startMonday = start.daysSinceEpoch - (start.weekday - 1)
            return (dateMonday - startMonday) / (7 * rule.interval)
        case .monthly:
            return ((date.year * 12 + date.month) - (start.year * 12 + start.month)) / rule.interval
        }
    }

    /// The first day of the `period`-th month (monthly rules), to stop walking months that produce nothing.
    private func periodStart(of rule: RecurrenceRule, period: Int) -> CalendarDate {
        let months = start.year * 12 + (start.month - 1) + period * rule.interval
        return CalendarDate(year: min(months / 12, 9999), month: months % 12 + 1, day: 1) ?? start
    }
}
