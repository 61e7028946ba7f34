import Foundation

/// When a periodic job fires, on the organisation's wall clock.
public enum JobSchedule: Sendable, Equatable {
    /// Every hour at minute past the hour.
    case hourly(minute: Int)
    /// Every day at hour:minute.
    case daily(hour: Int, minute: Int)
    /// Every week on an ISO weekday (1 = Monday … 7 = Sunday) at hour:minute.
    case weekly(weekday: Int, hour: Int, minute: Int)
    /// Every month on a day (1…28) at hour:minute.
    case monthly(day: Int, hour: Int, minute: Int)

    /// The latest fire time at or before `moment`, in `timeZone`.
    public func latestFire(atOrBefore moment: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var candidate = nextFire(after: moment, in: timeZone).flatMap { next in
            calendar.date(byAdding: step, value: -1, to: next)
        }
        // Stepping back an hour/day/week/month from the next fire lands on the previous one (DST and month
        // lengths aside); re-anchor it to the schedule's wall-clock time.
        if let found = candidate, let anchored = anchor(found, calendar: calendar) { candidate = anchored }
        guard let candidate, candidate <= moment else { return nil }
        return candidate
    }

    /// The first fire time strictly after `moment`, in `timeZone`.
    public func nextFire(after moment: Date, in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.nextDate(after: moment, matching: components, matchingPolicy: .nextTime, direction: .forward)
    }

    private var step: Calendar.Component {
        switch self {
        case .hourly: .hour
        case .daily: .day
        case .weekly: .weekOfYear
        case .monthly: .month
        }
    }

    private var components: DateComponents {
        switch self {
        case .hourly(let minute):
            DateComponents(minute: minute, second: 0)
        case .daily(let hour, let minute):
            DateComponents(hour: hour, minute: minute, second: 0)
        case .weekly(let weekday, let hour, let minute):
            // Foundation counts Sunday as 1.
            DateComponents(hour: hour, minute: minute, second: 0, weekday: weekday % 7 + 1)
        case .monthly(let day, let hour, let minute):
            DateComponents(day: day, hour: hour, minute: minute, second: 0)
        }
    }

    private func anchor(_ date: Date, calendar: Calendar) -> Date? {
        var parts = calendar.dateComponents([.year, .month, .day, .hour], from: date)
        let wanted = components
        // An hourly schedule keeps the hour it landed on.
        if let hour = wanted.hour { parts.hour = hour }
        parts.minute = wanted.minute
        parts.second = 0
        return calendar.date(from: parts)
    }
}
