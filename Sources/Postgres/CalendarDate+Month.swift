extension CalendarDate {
    /// The first day of this date's month.
    public var firstOfMonth: CalendarDate {
        guard let first = CalendarDate(year: year, month: month, day: 1) else {
            preconditionFailure("the first of an existing month exists: \(self)")
        }
        return first
    }

    /// The last day of this date's month.
    public var lastOfMonth: CalendarDate {
        guard let last = CalendarDate(year: year, month: month, day: ProlepticGregorian.daysInMonth(year: year, month: month)) else {
            preconditionFailure("the last day of an existing month exists: \(self)")
        }
        return last
    }

    /// The first day of the next month; `nil` after December 9999.
    public var firstOfNextMonth: CalendarDate? {
        lastOfMonth.adding(days: 1)
    }
}
