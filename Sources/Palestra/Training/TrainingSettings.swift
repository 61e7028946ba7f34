/// How training sessions are kept.
public struct TrainingSettings: Sendable, Equatable {
    /// The weekly cleanup removes never-held sessions without attendance records older than this.
    public var sessionRetentionDays: Int
    /// The daily auto-close closes sessions dated this many days ago or earlier.
    public var sessionAutoCloseDays: Int

    public init(sessionRetentionDays: Int = 90, sessionAutoCloseDays: Int = 7) {
        self.sessionRetentionDays = sessionRetentionDays
        self.sessionAutoCloseDays = sessionAutoCloseDays
    }
}
