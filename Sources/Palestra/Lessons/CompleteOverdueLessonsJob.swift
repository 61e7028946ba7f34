/// Completes lessons still in progress 12 hours after their end (``LessonLifecycle/completeOverdue()``):
/// audited as the system, their students told. Hourly, at 20 minutes past the hour.
public struct CompleteOverdueLessonsJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {}

    public static let name = "lessons.complete-overdue"

    let lifecycle: LessonLifecycle

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let completed = try await lifecycle.completeOverdue()
        if completed > 0 { context.logger.info("completed lessons left in progress", metadata: ["count": "\(completed)"]) }
    }
}
