import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Postgres

/// The whole router of the application plus test-only routes, for the surfaces' tests: `addRoutes`
/// registers them after every route of Palestra's, so they pass through all of its router middleware
/// as a surface's real routes do.
enum SurfaceTestApp {
    typealias AddRoutes = @Sendable (Router<AppRequestContext>, PostgresClient) -> Void

    /// Runs `body` against such an application on a fresh database.
    static func test<T>(
        configure: (inout AppConfiguration) -> Void = { _ in },
        addRoutes: @escaping AddRoutes,
        _ body: @escaping @Sendable (any TestClientProtocol, TestDatabase) async throws -> T
    ) async throws -> T {
        try await TestDatabase.with { database in
            try await withApp(on: database, configure: configure, addRoutes: addRoutes) { client in
                try await body(client, database)
            }
        }
    }

    /// Runs `body` against such an application on `database` (several may share one).
    static func withApp<T>(
        on database: TestDatabase,
        configure: (inout AppConfiguration) -> Void = { _ in },
        addRoutes: @escaping AddRoutes,
        _ body: @escaping @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var configuration = TestApp.configuration(database: database.configuration)
        configure(&configuration)
        let views = try Views(
            templatesDirectory: configuration.templatesDirectory, publicDirectory: configuration.publicDirectory,
            timeZone: configuration.timeZone, areas: Area.all
        )
        let pool = PostgresClient(
            configuration: configuration.database, maxConnections: 20, checkoutTimeout: configuration.databaseCheckoutTimeout,
            logger: TestDatabase.logger
        )
        let accounts = AccountServices(
            configuration: configuration, database: pool, hasher: try await TestUsers.hasher(),
            policy: PasswordPolicy(commonPasswords: try CommonPasswords.load())
        )
        let router = buildRouter(
            configuration: configuration, views: views, database: pool, accounts: accounts, periodicJobs: [], areas: Area.all,
            logger: TestDatabase.logger
        )
        addRoutes(router, pool)
        let app = Application(router: router, services: [DatabaseService(database: pool)], logger: TestDatabase.logger)
        return try await app.test(.router, body)
    }
}
