import Postgres

/// A workout's recurrence: the subset of an RFC 5545 RRULE Palestra offers.
///
/// FREQ is DAILY, WEEKLY (BYDAY: weekdays without ordinals) or MONTHLY (BYMONTHDAY: 1…31 or -1, the last day);
/// INTERVAL ≥ 1; an end by UNTIL (a date, inclusive) or by COUNT (counted before exclusions), or none.
/// Weeks start on Monday (WKST=MO), the only week start offered. A one-off workout has no rule at all.
public struct RecurrenceRule: Sendable, Hashable {
    public enum Frequency: String, Sendable, Hashable, CaseIterable {
        case daily = "DAILY"
        case weekly = "WEEKLY"
        case monthly = "MONTHLY"
    }

    public enum End: Sendable, Hashable {
        case never
        /// The last date that may occur (inclusive).
        case until(CalendarDate)
        /// How many dates the rule produces, exclusions included.
        case count(Int)
    }

    public static let intervalRange = 1...99
    public static let countRange = 1...1000

    public var frequency: Frequency
    public var interval: Int
    /// ISO weekdays 1 = Monday … 7 = Sunday, sorted; empty means the start date's weekday (weekly rules only).
    public var weekdays: [Int]
    /// Days of the month 1…31 or -1 (the last day), sorted; empty means the start date's day (monthly rules only).
    public var monthDays: [Int]
    public var end: End

    public init(frequency: Frequency, interval: Int = 1, weekdays: [Int] = [], monthDays: [Int] = [], end: End = .never) {
        self.frequency = frequency
        self.interval = interval
        self.weekdays = Array(Set(weekdays)).sorted()
        self.monthDays = Array(Set(monthDays)).sorted()
        self.end = end
    }
}
