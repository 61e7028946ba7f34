import Hummingbird
import Logging
import Postgres
import ServiceLifecycle

/// Builds the whole web application from its configuration: database pool, templates,
/// middleware and every controller's routes.
///
/// - Parameter migrate: apply pending migrations before the server accepts requests.
public func buildApplication(
    configuration: AppConfiguration,
    logger: Logger,
    migrate: Bool = true
) async throws -> some ApplicationProtocol {
    let views = try await offload {
        try Views(
            templatesDirectory: configuration.templatesDirectory,
            publicDirectory: configuration.publicDirectory,
            timeZone: configuration.timeZone
        )
    }
    let database = PostgresClient(
        configuration: configuration.database,
        maxConnections: configuration.databasePoolSize,
        checkoutTimeout: configuration.databaseCheckoutTimeout,
        logger: logger
    )
    let router = buildRouter(configuration: configuration, views: views, database: database, logger: logger)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Palestra"),
        services: [DatabaseService(database: database)],
        logger: logger
    )
    if migrate {
        let migrator = Migrator(database: database, directory: configuration.migrationsDirectory, logger: logger)
        app.beforeServerStarts {
            try await migrator.migrate()
        }
    }
    return app
}

func buildRouter(
    configuration: AppConfiguration, views: Views, database: PostgresClient, logger: Logger
) -> Router<AppRequestContext> {
    let dashboard = DashboardController(store: DashboardStore(database: database), views: views)
    let health = HealthController(database: database)
    let routes = RouteTable(endpoints: DashboardController.endpoints + HealthController.endpoints)

    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: LanguageMiddleware(defaultLanguage: configuration.defaultLanguage))
    router.add(middleware: ErrorPageMiddleware(views: views, routes: routes))
    router.add(middleware: RequestGuardMiddleware(bodyLimit: configuration.bodyLimit))
    router.add(middleware: FileMiddleware(
        configuration.publicDirectory,
        urlBasePath: SiteURL.staticFiles,
        cacheControl: .init([
            (MediaType(type: .text), [.public, .maxAge(365 * 24 * 3600)]),
            (MediaType(type: .image), [.public, .maxAge(365 * 24 * 3600)]),
        ]),
        logger: logger
    ))
    dashboard.addRoutes(to: router)
    health.addRoutes(to: router)
    return router
}
