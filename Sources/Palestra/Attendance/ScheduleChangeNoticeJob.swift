import Foundation
import Postgres

/// Tells a group's coach that someone else changed its weekly schedule (``SessionNotices``). Enqueued by
/// the transaction that changed the slots (the training groups' `afterSave`), so a change that is rolled
/// back tells no one; the job writes the notice in the coach's language, which the admin engine's hook
/// has no catalogs for.
public struct ScheduleChangeNoticeJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public let groupID: Int
        public let actorID: Int
        /// The actor's name at the time of the change.
        public let actorName: String

        enum CodingKeys: String, CodingKey {
            case groupID = "group_id"
            case actorID = "actor_id"
            case actorName = "actor_name"
        }
    }

    public static let name = "training.schedule-change-notice"

    let notices: SessionNotices

    /// Enqueues the notice on the connection of the transaction that changed the schedule.
    @discardableResult
    static func enqueue(group: Int, by actor: User, on connection: any PostgresQueryable) async throws -> Int? {
        try await JobQueue.enqueue(Self.self, Arguments(groupID: group, actorID: actor.id, actorName: actor.displayName), on: connection)
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        try await context.database.transaction { connection in
            try await notices.scheduleChanged(group: arguments.groupID, actorID: arguments.actorID, actorName: arguments.actorName, on: connection)
        }
    }
}
