import Postgres

/// The one query the health check runs.
struct HealthStore: Sendable {
    let database: PostgresClient

    /// Whether the database answers a trivial query.
    func databaseAnswers() async -> Bool {
        do {
            let rows = try await database.query("SELECT 1 AS ok")
            return try rows.first?.decode("ok", as: Int.self) == 1
        } catch {
            return false
        }
    }
}
