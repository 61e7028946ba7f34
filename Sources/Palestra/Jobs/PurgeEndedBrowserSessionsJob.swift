import Postgres

/// Daily: deletes ended sessions and login attempts older than a day (sign-ins also purge a few as
/// they go; this catches the rest).
public struct PurgeEndedBrowserSessionsJob: JobKind {
    public struct Arguments: Codable, Sendable {
        public init() {}
    }

    public static let name = "palestra.purge-ended-sessions"
    let browserSessions: BrowserSessionStore

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let removed = try await browserSessions.purgeAllEnded()
        context.logger.info("purged ended browser sessions and old login attempts", metadata: ["rows": "\(removed)"])
    }
}
