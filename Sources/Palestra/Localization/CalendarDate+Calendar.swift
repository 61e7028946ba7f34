import Foundation
import Postgres

extension CalendarDate {
    /// The calendar date and wall-clock time of a moment in a time zone; `nil` outside the years 1…9999.
    public static func split(_ moment: Date, in timeZone: TimeZone) -> (CalendarDate, TimeOfDay)? {
        split(moment, offset: timeZone.secondsFromGMT(for: moment))
    }

    /// `moment` on a clock `offset` seconds ahead of UTC.
    public static func split(_ moment: Date, offset: Int) -> (CalendarDate, TimeOfDay)? {
        let local = Int(moment.timeIntervalSince1970.rounded(.down)) + offset
        let days = Int((Double(local) / 86_400).rounded(.down))
        let seconds = local - days * 86_400
        guard let date = CalendarDate(daysSinceEpoch: days),
              let clock = TimeOfDay(hour: seconds / 3600, minute: seconds % 3600 / 60, second: seconds % 60)
        else { return nil }
        return (date, clock)
    }

    /// Today's date in a time zone.
    public static func today(in timeZone: TimeZone, now: Date = Date()) -> CalendarDate {
        guard let (date, _) = split(now, in: timeZone) else {
            preconditionFailure("the system clock is outside the years 1…9999: \(now)")
        }
        return date
    }
}
