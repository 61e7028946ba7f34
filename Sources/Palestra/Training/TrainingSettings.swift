/// How training sessions are kept.
public struct TrainingSettings: Sendable, Equatable {
    /// The weekly cleanup removes never-held sessions without attendance records older than this.
    public var sessionRetentionDays: Int

    public init(sessionRetentionDays: Int = 90) {
        self.sessionRetentionDays = sessionRetentionDays
    }
}
