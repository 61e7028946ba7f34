import HTTPTypes
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
    let commonPasswords = try await offload { try CommonPasswords.load() }
    let hasher = try await PasswordHasher(parameters: configuration.argon2)
    let database = PostgresClient(
        configuration: configuration.database,
        maxConnections: configuration.databasePoolSize,
        checkoutTimeout: configuration.databaseCheckoutTimeout,
        logger: logger
    )
    let accounts = AccountServices(
        configuration: configuration, database: database, hasher: hasher,
        policy: PasswordPolicy(commonPasswords: commonPasswords)
    )
    let router = buildRouter(configuration: configuration, views: views, database: database, accounts: accounts, logger: logger)
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

/// Every job kind this application runs, configured; the queue's workers take it.
public func buildJobRegistry(configuration: AppConfiguration) -> JobRegistry {
    var registry = JobRegistry()
    registry.registerNotificationJobs(configuration: configuration)
    return registry
}

func buildRouter(
    configuration: AppConfiguration, views: Views, database: PostgresClient, accounts: AccountServices, logger: Logger
) -> Router<AppRequestContext> {
    let admin = AdminServices(
        site: .standard,
        lists: AdminListStore(database: database, timeZone: configuration.timeZone),
        records: AdminRecordStore(database: database, timeZone: configuration.timeZone),
        sessions: accounts.sessions, views: views, passwordPolicy: accounts.policy, hasher: accounts.hasher,
        media: MediaStorage(directory: configuration.mediaDirectory)
    )
    let dashboard = DashboardController(store: DashboardStore(database: database), views: views)
    let health = HealthController(database: database)
    let login = LoginController(authenticator: accounts.authenticator, sessions: accounts.sessions, views: views)
    let account = AccountController(
        authenticator: accounts.authenticator, users: accounts.users, sessions: accounts.sessions, policy: accounts.policy, views: views
    )
    let userPassword = UserPasswordController(authenticator: accounts.authenticator, services: admin)
    let adminLists = AdminListController(services: admin)
    let adminForms = AdminFormController(services: admin)
    let adminObjects = AdminObjectController(services: admin)
    let notifications = NotificationsController(store: NotificationStore(database: database), sessions: accounts.sessions, views: views)
    let routes = RouteTable(endpoints: DashboardController.endpoints + HealthController.endpoints + LoginController.endpoints
        + AccountController.endpoints + UserPasswordController.endpoints + AdminListController.endpoints
        + AdminFormController.endpoints + AdminObjectController.endpoints + NotificationsController.endpoints)

    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    let errorPages = ErrorPageMiddleware(views: views, routes: routes)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: LanguageMiddleware(defaultLanguage: configuration.defaultLanguage))
    router.add(middleware: errorPages)
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
    health.addRoutes(to: router)
    router.add(middleware: SessionMiddleware(
        store: accounts.sessions, clientAddressHeader: configuration.clientAddressHeader.flatMap { HTTPField.Name($0) }
    ))
    // Again, inside the session: error pages of signed-in users show their language and header.
    router.add(middleware: ErrorPageMiddleware(views: views, routes: routes, passesUnmatched: true))
    router.add(middleware: CSRFMiddleware(routes: routes))
    let signedIn = router.group(context: SignedInContext.self)
    login.addRoutes(to: router, signedIn: signedIn)
    dashboard.addRoutes(to: signedIn)
    account.addRoutes(to: signedIn)
    userPassword.addRoutes(to: signedIn)
    adminLists.addRoutes(to: signedIn)
    adminForms.addRoutes(to: signedIn)
    adminObjects.addRoutes(to: signedIn)
    notifications.addRoutes(to: signedIn)
    return router
}
