import Foundation

/// Daily: closes the sessions dated `PALESTRA_TRAINING_SESSION_AUTOCLOSE_DAYS` or more days ago that are still
/// open (a session reopened by an administrator gets that many days again), each closure audited.
/// Safe to repeat: a second run finds them closed.
public struct AutoCloseTrainingSessionsJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public init() {}
    }

    public static let name = "attendance.autoclose-sessions"

    let journal: AttendanceJournal
    let settings: TrainingSettings

    init(journal: AttendanceJournal, settings: TrainingSettings) {
        self.journal = journal
        self.settings = settings
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let closed = try await journal.closeOld(days: settings.sessionAutoCloseDays)
        context.logger.info("closed old sessions", metadata: ["closed": "\(closed)", "days": "\(settings.sessionAutoCloseDays)"])
    }
}
