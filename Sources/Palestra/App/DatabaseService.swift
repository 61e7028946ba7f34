import Postgres
import ServiceLifecycle

/// Closes the database pool once the server has stopped (services stop in reverse order, so
/// in-flight requests finish first).
public struct DatabaseService: Service {
    let database: PostgresClient

    public init(database: PostgresClient) {
        self.database = database
    }

    public func run() async throws {
        try? await gracefulShutdown()
        await database.shutdown()
    }
}
