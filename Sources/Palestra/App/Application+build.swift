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
    try await buildApplication(configuration: configuration, logger: logger, migrate: migrate, periodicJobs: periodicJobs, areas: Area.all)
}

/// The application of the given areas (tests add an area of their own).
func buildApplication(
    configuration: AppConfiguration, logger: Logger, migrate: Bool = true, periodicJobs: [PeriodicJob]? = nil, areas: [Area]
) async throws -> some ApplicationProtocol {
    try AdminSite(areas: areas).check()
    let views = try await offload {
        try Views(
            templatesDirectory: configuration.templatesDirectory, publicDirectory: configuration.publicDirectory,
            timeZone: configuration.timeZone, areas: areas
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
    let publicSurface = PublicSurface(database: database, secureCookie: configuration.browserSessions.secureCookie)
    let router = buildRouter(
        configuration: configuration, views: views, database: database, accounts: accounts,
        periodicJobs: periodicJobs ?? JobSetup.periodicJobs(configuration: configuration, areas: areas), areas: areas,
        publicSurface: publicSurface, logger: logger
    )
    // Services stop in reverse order: the server first, then the workers, then the pool they share.
    var services: [any Service] = [DatabaseService(database: database)]
    if configuration.workers.slots > 0 {
        let queuePool = JobSetup.queuePool(configuration: configuration, logger: logger)
        services.append(DatabaseService(database: queuePool))
        services.append(JobSetup.worker(configuration: configuration, queue: queuePool, database: database, areas: areas, logger: logger))
    }
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Palestra"),
        services: services,
        logger: logger
    )
    let migrator = migrate ? Migrator(database: database, directory: configuration.migrationsDirectory, logger: logger) : nil
    app.beforeServerStarts {
        try await migrator?.migrate()
        // The public pages' secret, created on the first start: loaded now, so no visitor waits for it
        // (without its table — a database not migrated yet — the first public page loads it).
        do { try await publicSurface.prepare() } catch {
            logger.warning("the public pages' secret could not be loaded yet", metadata: ["error": "\(error)"])
        }
    }
    return app
}

/// The router: the middleware every request passes, then each area's routes on their surfaces.
///
/// A request's way: security headers, the request log, the language, the client's address, the error page
/// (outermost: what no surface answered — unknown paths, 405s, the guard's refusals; problem documents under
/// `/api/`), the size and encoding guard, static files; then its surface, a route group with its own middleware
/// (``Surfaces``): bare, public pages, the API, or the session (the browser session, the error page again —
/// inside the session, a signed-in user's error page has their language and menu — and CSRF), with the
/// signed-in pages inside it.
func buildRouter(
    configuration: AppConfiguration, views: Views, database: PostgresClient, accounts: AccountServices,
    periodicJobs: [PeriodicJob], areas: [Area], publicSurface: PublicSurface, logger: Logger
) -> Router<AppRequestContext> {
    let admin = AdminServices(
        site: AdminSite(areas: areas),
        lists: AdminListStore(database: database, timeZone: configuration.timeZone),
        records: AdminRecordStore(database: database, timeZone: configuration.timeZone),
        browserSessions: accounts.browserSessions, views: views, passwordPolicy: accounts.policy, hasher: accounts.hasher,
        media: MediaStorage(directory: configuration.mediaDirectory), authenticator: accounts.authenticator,
        apiTokens: accounts.apiTokens, pageCache: AdminPageCache(capacity: configuration.pageCachePages)
    )
    let services = AreaServices(
        configuration: configuration, database: database, views: views, accounts: accounts, admin: admin,
        periodicJobs: periodicJobs, logger: logger
    )
    let table = RouteTableBuilder()
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: LanguageMiddleware(defaultLanguage: configuration.defaultLanguage))
    router.add(middleware: ClientAddressMiddleware(header: configuration.clientAddressHeader.flatMap { HTTPField.Name($0) }))
    router.add(middleware: ErrorPageMiddleware(views: views, routes: table, sessions: accounts.browserSessions))
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
    let sessionGroup = router.group()
        .add(middleware: BrowserSessionMiddleware(store: accounts.browserSessions))
        .add(middleware: ErrorPageMiddleware(views: views, routes: table))
        .add(middleware: CSRFMiddleware())
    let surfaces = Surfaces(
        signedIn: Routes(group: sessionGroup.group(context: SignedInContext.self), table: table),
        session: Routes(group: sessionGroup, table: table),
        bare: Routes(group: router.group(), table: table),
        publicPages: Routes(group: publicSurface.addGroup(to: router), table: table),
        api: Routes(group: APISurface(tokens: accounts.apiTokens).addGroup(to: router), table: table)
    )
    for area in areas {
        area.routes(surfaces, services)
    }
    return router
}
