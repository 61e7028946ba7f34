import Foundation
import Postgres

/// A moment on the organisation's wall clock, a date and a time of day with no zone: what a `timestamp`
/// column holds and a `datetime-local` input sends. Session generation compares session starts
/// (`session_date + starts_at`) with one such "now", so every step of a run uses the same bound.
public struct LocalMoment: Sendable, Hashable, CustomStringConvertible {
    public let date: CalendarDate
    public let time: TimeOfDay

    public init(date: CalendarDate, time: TimeOfDay) {
        self.date = date
        self.time = time
    }

    /// `moment` in `timeZone`.
    public init(_ moment: Date, in timeZone: TimeZone) {
        guard let (date, time) = CalendarDate.split(moment, in: timeZone) else {
            preconditionFailure("the clock is outside the years 1…9999: \(moment)")
        }
        self.init(date: date, time: time)
    }

    /// Parses `YYYY-MM-DDTHH:MM` or `YYYY-MM-DD HH:MM`, seconds (and their fraction) optional: what a
    /// `datetime-local` input sends and what people type (HTML's "valid local date and time string").
    public init?(_ text: String) {
        let parts = text.split(maxSplits: 1, omittingEmptySubsequences: false) { $0 == "T" || $0 == " " }
        guard parts.count == 2, let date = CalendarDate(String(parts[0])), let time = TimeOfDay(String(parts[1])) else {
            return nil
        }
        self.init(date: date, time: time)
    }

    /// `YYYY-MM-DDTHH:MM` (`:SS` when not zero): what a `datetime-local` input holds (HTML's "valid
    /// normalized local date and time string").
    public var inputValue: String {
        "\(date)T\(time)"
    }

    /// `YYYY-MM-DD HH:MM:SS`, as PostgreSQL reads a `timestamp`.
    public var description: String {
        "\(date) \(time)"
    }
}
