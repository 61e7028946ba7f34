import Postgres

/// Generates one month of one group's sessions; the monthly periodic job enqueues one per active group
/// for the next month. A group archived or deleted since has nothing to generate.
public struct GenerateMonthTrainingSessionsJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public let groupID: Int
        /// The month's first day.
        public let month: CalendarDate

        public init(groupID: Int, month: CalendarDate) {
            self.groupID = groupID
            self.month = month
        }

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id"
            case month
        }
    }

    public static let name = "training.generate-month"
    public static var maxAttempts: Int { 10 }

    let generator: TrainingSessionGenerator

    /// The periodic job's enqueue: one job per active group for the month after the one `today` is in.
    static func enqueueNextMonth(today: CalendarDate, on connection: PostgresConnection) async throws -> Int? {
        guard let month = today.firstOfNextMonth else { return nil }
        let groups = try await TrainingSessionGenerationStore.groups(includingArchived: false, on: connection)
        return try await JobQueue.enqueue(Self.self, batch: groups.map { Arguments(groupID: $0.id, month: month) }, on: connection).first
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        do {
            let changes = try await generator.generateMonth(group: arguments.groupID, month: arguments.month)
            context.logger.info("generated a month of sessions", metadata: [
                "group": "\(arguments.groupID)", "month": "\(arguments.month)", "changes": "\(changes.summary)",
            ])
        } catch let failure as TrainingSessionGenerator.Failure {
            context.logger.info("nothing to generate", metadata: ["group": "\(arguments.groupID)", "reason": "\(failure)"])
        } catch {
            try await TrainingAudit.recordFailure(
                of: "generation of \(arguments.month.description.prefix(7))", group: arguments.groupID, error: error,
                attempt: context.attempt, on: context.database
            )
            throw error
        }
    }
}
