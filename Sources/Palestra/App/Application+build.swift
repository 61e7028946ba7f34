import HTTPTypes
import Hummingbird
import Logging
import Postgres
import ServiceLifecycle

/// Builds the whole web application from its configuration: database pool, templates,
/// middleware and every controller's routes.
///
/// - Parameters:
///   - migrate: apply pending migrations before the server accepts requests.
///   - periodicJobs: the periodic jobs shown on the queue overview; `nil` for the ones Palestra schedules
///     (`JobSetup.periodicJobs`, which the workers fire).
public func buildApplication(
    configuration: AppConfiguration,
    logger: Logger,
    migrate: Bool = true,
    periodicJobs: [PeriodicJob]? = nil
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
    let router = buildRouter(
        configuration: configuration, views: views, database: database, accounts: accounts,
        periodicJobs: periodicJobs ?? JobSetup.periodicJobs(configuration: configuration), logger: logger
    )
    // Services stop in reverse order: the server first, then the workers, then the pool they share.
    var services: [any Service] = [DatabaseService(database: database)]
    if configuration.workers.slots > 0 {
        let queuePool = JobSetup.queuePool(configuration: configuration, logger: logger)
        services.append(DatabaseService(database: queuePool))
        services.append(JobSetup.worker(configuration: configuration, queue: queuePool, database: database, logger: logger))
    }
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Palestra"),
        services: services,
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
    configuration: AppConfiguration, views: Views, database: PostgresClient, accounts: AccountServices,
    periodicJobs: [PeriodicJob], logger: Logger
) -> Router<AppRequestContext> {
    let admin = AdminServices(
        site: .standard,
        lists: AdminListStore(database: database, timeZone: configuration.timeZone),
        records: AdminRecordStore(database: database, timeZone: configuration.timeZone),
        browserSessions: accounts.browserSessions, views: views, passwordPolicy: accounts.policy, hasher: accounts.hasher,
        media: MediaStorage(directory: configuration.mediaDirectory)
    )
    let dashboard = DashboardController(store: DashboardStore(database: database), views: views)
    let health = HealthController(database: database)
    let login = LoginController(authenticator: accounts.authenticator, browserSessions: accounts.browserSessions, views: views)
    let account = AccountController(
        authenticator: accounts.authenticator, users: accounts.users, browserSessions: accounts.browserSessions, policy: accounts.policy, views: views
    )
    let userPassword = UserPasswordController(authenticator: accounts.authenticator, services: admin)
    let adminLists = AdminListController(services: admin)
    let adminForms = AdminFormController(services: admin)
    let adminObjects = AdminObjectController(services: admin)
    let adminListEdits = AdminListEditController(services: admin)
    let media = MediaController(media: admin.media, folders: MediaController.folders(of: admin.site))
    let jobsDashboard = JobDashboardStore(database: database)
    let jobsOverview = JobsOverviewController(store: jobsDashboard, views: views, periodicJobs: periodicJobs)
    let metrics = MetricsController(store: jobsDashboard)
    let notifications = NotificationsController(store: NotificationStore(database: database), browserSessions: accounts.browserSessions, views: views)
    let attendanceReports = AttendanceReportController(
        store: AttendanceReportStore(database: database), views: views, settings: configuration.training
    )
    let coach = CoachController(
        journal: AttendanceJournal(store: AttendanceStore(database: database), timeZone: configuration.timeZone),
        browserSessions: accounts.browserSessions, views: views
    )
    // `/metrics` is left out on purpose (see MetricsController): it must not answer 405 to reveal itself.
    let routes = RouteTable(endpoints: DashboardController.endpoints + HealthController.endpoints + LoginController.endpoints
        + AccountController.endpoints + UserPasswordController.endpoints + AdminListController.endpoints
        + AdminFormController.endpoints + AdminObjectController.endpoints + AdminListEditController.endpoints + JobsOverviewController.endpoints
        + NotificationsController.endpoints + AttendanceReportController.endpoints + MediaController.endpoints + CoachController.endpoints)

    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    let errorPages = ErrorPageMiddleware(views: views, routes: routes)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: LanguageMiddleware(defaultLanguage: configuration.defaultLanguage))
    router.add(middleware: errorPages)
    router.add(middleware: RequestGuardMiddleware(bodyLimit: configuration.bodyLimit, uploadBodyLimit: configuration.uploadBodyLimit))
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
    router.add(middleware: BrowserSessionMiddleware(
        store: accounts.browserSessions, clientAddressHeader: configuration.clientAddressHeader.flatMap { HTTPField.Name($0) }
    ))
    // Again, inside the session: error pages of signed-in users show their language and header.
    router.add(middleware: ErrorPageMiddleware(views: views, routes: routes, passesUnmatched: true))
    router.add(middleware: CSRFMiddleware(routes: routes))
    metrics.addRoutes(to: router)
    let signedIn = router.group(context: SignedInContext.self)
    login.addRoutes(to: router, signedIn: signedIn)
    dashboard.addRoutes(to: signedIn)
    account.addRoutes(to: signedIn)
    userPassword.addRoutes(to: signedIn)
    adminLists.addRoutes(to: signedIn)
    adminForms.addRoutes(to: signedIn)
    adminObjects.addRoutes(to: signedIn)
    adminListEdits.addRoutes(to: signedIn)
    jobsOverview.addRoutes(to: signedIn)
    notifications.addRoutes(to: signedIn)
    attendanceReports.addRoutes(to: signedIn)
    media.addRoutes(to: signedIn)
    coach.addRoutes(to: signedIn)
    return router
}
