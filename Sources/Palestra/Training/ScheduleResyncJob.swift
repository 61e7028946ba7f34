import Postgres

/// Re-builds one group's future, not closed sessions after its schedule changed or it was archived
/// (``TrainingSessionGenerator/resync(group:now:rebuild:dryRun:)``). Enqueued by the change's own transaction,
/// unique per group while it waits; a change made while one runs enqueues another, since the running
/// one may have read the schedule before it. A failure is written to the audit log and retried.
public struct ScheduleResyncJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public let groupID: Int

        public init(groupID: Int) {
            self.groupID = groupID
        }

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id"
        }
    }

    public static let name = "training.resync-group"
    public static var maxAttempts: Int { 10 }

    let generator: TrainingSessionGenerator

    /// Enqueues the re-sync of `groupID` on the connection of the transaction that changed its schedule;
    /// `nil` when one for the group is already waiting.
    @discardableResult
    public static func enqueue(groupID: Int, on connection: any PostgresQueryable) async throws -> Int? {
        try await JobQueue.enqueue(
            Self.self, Arguments(groupID: groupID),
            options: JobOptions(uniqueKey: "\(name):\(groupID)", uniqueUntilStarted: true), on: connection
        )
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        do {
            let changes = try await generator.resync(group: arguments.groupID)
            context.logger.info("re-synced a group's sessions", metadata: ["group": "\(arguments.groupID)", "changes": "\(changes.summary)"])
        } catch {
            try await TrainingAudit.recordFailure(
                of: "schedule re-sync", group: arguments.groupID, error: error, attempt: context.attempt, on: context.database
            )
            throw error
        }
    }
}
