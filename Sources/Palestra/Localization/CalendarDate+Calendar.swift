import Foundation
import Postgres

extension CalendarDate {
    /// The ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // Days since 1970-01-01 (a Thursday, ISO weekday 4).
        let days = daysSinceEpoch
        return ((days % 7) + 7 + 3) % 7 + 1
    }

    /// Days from 1970-01-01, negative before it (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date a given number of days later (or earlier, for a negative count).
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(daysSinceEpoch: daysSinceEpoch + days)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("civil_from_days produced an invalid date from \(days)")
        }
        self = date
    }

    /// The calendar date and wall-clock time of a moment in a time zone.
    public static func split(_ moment: Date, in timeZone: TimeZone) -> (CalendarDate, TimeOfDay) {
        let offset = timeZone.secondsFromGMT(for: moment)
        let local = Int((moment.timeIntervalSince1970).rounded(.down)) + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let seconds = local - days * 86_400
        let clock = TimeOfDay(hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60)
        guard let clock else { preconditionFailure("seconds of a day out of range: \(seconds)") }
        return (CalendarDate(daysSinceEpoch: days), clock)
    }

    /// Today's date in a time zone.
    public static func today(in timeZone: TimeZone, now: Date = Date()) -> CalendarDate {
        split(now, in: timeZone).0
    }
}
