import Logging
import Postgres

/// The application's shared parts, given to each area when it adds its routes.
struct AreaServices: Sendable {
    let configuration: AppConfiguration
    let database: PostgresClient
    let views: Views
    let accounts: AccountServices
    let admin: AdminServices
    /// The periodic jobs of every area (the queue overview shows them).
    let periodicJobs: [PeriodicJob]
    let logger: Logger
}
