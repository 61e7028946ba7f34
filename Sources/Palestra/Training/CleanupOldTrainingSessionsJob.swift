/// Weekly: deletes sessions older than the configured age that were never held and have no attendance
/// records (placeholders); a session with records is never deleted.
public struct CleanupOldTrainingSessionsJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public init() {}
    }

    public static let name = "training.cleanup-old-sessions"

    let generator: TrainingSessionGenerator
    let settings: TrainingSettings

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let changes = try await generator.cleanup(olderThanDays: settings.sessionRetentionDays)
        context.logger.info("removed old session placeholders", metadata: ["removed": "\(changes.removed.count)"])
    }
}
