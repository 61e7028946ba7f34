import Logging
import Postgres

/// What a running job knows about itself and may use.
public struct JobContext: Sendable {
    public let jobID: Int
    /// 1 for the first run.
    public let attempt: Int
    public let database: PostgresClient
    public let logger: Logger
}
