import Foundation
import Postgres

/// A moment on the organisation's wall clock: the one "now" a generation or re-sync compares session
/// starts (`session_date + starts_at`, a `timestamp`) with, so every step of one run uses the same bound.
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

    /// `YYYY-MM-DD HH:MM:SS`, as PostgreSQL reads a `timestamp`.
    public var description: String {
        "\(date) \(time)"
    }
}
