import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Postgres

/// The whole application plus test-only routes, for the surfaces' tests: `addRoutes` adds them to the
/// surfaces through a test-only area's registration, as an area adds its real routes.
enum SurfaceTestApp {
    typealias AddRoutes = @Sendable (Surfaces, PostgresClient) -> Void

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
        configuration.databasePoolSize = 20
        configure(&configuration)
        let testRoutes = Area(name: "surface tests", routes: { surfaces, services in addRoutes(surfaces, services.database) })
        let app = try await buildApplication(
            configuration: configuration, logger: TestDatabase.logger, migrate: false, periodicJobs: [], areas: Area.all + [testRoutes]
        )
        return try await app.test(.router, body)
    }
}

/// A test-only route's path.
struct TestRoute: SiteRoute {
    let path: String
    init(_ path: String) { self.path = path }
}
