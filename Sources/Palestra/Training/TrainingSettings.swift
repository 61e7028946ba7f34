/// How training sessions are kept.
public struct TrainingSettings: Sendable, Equatable {
    /// The weekly cleanup removes never-held sessions without attendance records older than this.
    public var sessionRetentionDays: Int
    /// Attendance reports mark athletes and groups below this percentage.
    public var attendanceWarningPercent: Int

    public init(sessionRetentionDays: Int = 90, attendanceWarningPercent: Int = 75) {
        self.sessionRetentionDays = sessionRetentionDays
        self.attendanceWarningPercent = attendanceWarningPercent
    }
}
