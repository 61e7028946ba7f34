/// How training sessions are kept.
public struct TrainingSettings: Sendable, Equatable {
    /// The weekly cleanup removes never-held sessions without attendance records older than this.
    public var sessionRetentionDays: Int
    /// Attendance reports mark athletes and groups below this percentage.
    public var attendanceWarningPercent: Int
    /// The daily auto-close closes sessions dated this many days ago or earlier.
    public var sessionAutoCloseDays: Int

    public init(sessionRetentionDays: Int = 90, attendanceWarningPercent: Int = 75, sessionAutoCloseDays: Int = 7) {
        self.sessionRetentionDays = sessionRetentionDays
        self.attendanceWarningPercent = attendanceWarningPercent
        self.sessionAutoCloseDays = sessionAutoCloseDays
    }
}
