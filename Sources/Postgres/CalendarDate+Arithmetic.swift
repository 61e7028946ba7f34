extension CalendarDate {
    /// Days from 1970-01-01, negative before it.
    public var daysSinceEpoch: Int {
        ProlepticGregorian.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// Day numbers of 0001-01-01 … 9999-12-31.
    private static let supportedDays = ProlepticGregorian.daysSinceEpoch(year: 1, month: 1, day: 1)
        ... ProlepticGregorian.daysSinceEpoch(year: 9999, month: 12, day: 31)

    /// The date `days` days after 1970-01-01; `nil` outside the years 1…9999.
    public init?(daysSinceEpoch days: Int) {
        guard Self.supportedDays.contains(days) else { return nil }
        let civil = ProlepticGregorian.civil(daysSinceEpoch: days)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// The date a number of days later (earlier, for a negative count); `nil` outside the years 1…9999.
    public func adding(days: Int) -> CalendarDate? {
        let (target, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        return overflow ? nil : CalendarDate(daysSinceEpoch: target)
    }

    /// The ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int {
        ((daysSinceEpoch % 7) + 7 + 3) % 7 + 1
    }
}
