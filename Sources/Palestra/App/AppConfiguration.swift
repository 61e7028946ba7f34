import Foundation
import Postgres

/// Everything Palestra reads from its environment, read once at start-up.
///
/// Each value comes from an environment variable; command-line flags override some of them.
/// A missing or invalid value stops start-up with one line naming the variable.
public struct AppConfiguration: Sendable {
    public var database: PostgresConfiguration
    public var host: String
    public var port: Int
    public var timeZone: TimeZone
    public var defaultLanguage: Language
    /// Largest request body accepted, in bytes; larger ones answer 413.
    public var bodyLimit: Int
    public var databasePoolSize: Int
    /// How long a request waits for a free database connection before answering 503.
    public var databaseCheckoutTimeout: Duration
    public var templatesDirectory: String
    public var publicDirectory: String
    public var migrationsDirectory: String
    /// Browser sign-in lifetimes and the cookie's `Secure` flag.
    public var browserSessions = BrowserSessionSettings()
    /// argon2id cost for new password hashes; stored hashes below it are re-hashed at the next login.
    public var argon2 = Argon2Parameters.minimum
    /// Behind a reverse proxy: the header holding the client's address (its last entry is used).
    public var clientAddressHeader: String?
    public var loginThrottle = LoginThrottlePolicy()
    /// The background workers of this process (`--workers` sets the slots).
    public var workers = WorkerSettings()
    /// Where uploaded files are stored (shared storage when several servers run).
    public var mediaDirectory = "Media"
    /// How long a checked API token is taken without asking PostgreSQL again (``APICredentialCache``); zero asks every time.
    public var apiTokenCache: Duration = .seconds(1)
    /// How many change lists ``AdminPageCache`` keeps (about 85 KB each for a 50-row editable list); zero keeps none.
    public var pageCachePages = 64
    /// Largest `multipart/form-data` body (a form with files), in bytes: above the largest file a form
    /// accepts, so a file just over a field's limit gets the field's message rather than a 413.
    public var uploadBodyLimit = 8 * 1024 * 1024
    /// How notifications are delivered: transport, sender, optional delay.
    public var notifications = NotificationSettings()
    /// How long never-held training sessions are kept, and when sessions close by themselves.
    public var training = TrainingSettings()
    /// Debate registration: its rate limits, waiting-list offers, mail links and Telegram chat.
    public var debates = DebateSettings()
    /// What start-up should log as warnings: renamed variables still set under their old names.
    public var warnings: [String] = []

    public init(
        database: PostgresConfiguration,
        host: String = "127.0.0.1",
        port: Int = 8080,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Moscow") ?? .gmt,
        defaultLanguage: Language = .en,
        bodyLimit: Int = 2 * 1024 * 1024,
        databasePoolSize: Int = 10,
        databaseCheckoutTimeout: Duration = .seconds(5),
        templatesDirectory: String = "Templates",
        publicDirectory: String = "Public",
        migrationsDirectory: String = "Migrations"
    ) {
        self.database = database
        self.host = host
        self.port = port
        self.timeZone = timeZone
        self.defaultLanguage = defaultLanguage
        self.bodyLimit = bodyLimit
        self.databasePoolSize = databasePoolSize
        self.databaseCheckoutTimeout = databaseCheckoutTimeout
        self.templatesDirectory = templatesDirectory
        self.publicDirectory = publicDirectory
        self.migrationsDirectory = migrationsDirectory
    }

    /// The variables Palestra reads, with what each means: the core's, then each area's. The README's
    /// table follows this list.
    public static var variables: [(name: String, meaning: String)] {
        coreVariables + Area.all.flatMap(\.settings.variables)
    }

    static let coreVariables: [(name: String, meaning: String)] = [
        ("DATABASE_URL", "PostgreSQL URL or libpq keyword string (required)"),
        ("PALESTRA_HOST", "address to listen on (default 127.0.0.1)"),
        ("PALESTRA_PORT", "port to listen on (default 8080)"),
        ("PALESTRA_TIME_ZONE", "the organisation's time zone (default Europe/Moscow)"),
        ("PALESTRA_LANGUAGE", "interface language when neither the user nor the browser says (en or ru; default en)"),
        ("PALESTRA_BODY_LIMIT", "largest request body in bytes (default 2097152)"),
        ("PALESTRA_UPLOAD_LIMIT", "largest multipart/form-data body (a form with files) in bytes (default 8388608)"),
        ("PALESTRA_DB_POOL_SIZE", "database connections per process (default 10)"),
        ("PALESTRA_DB_TIMEOUT", "seconds a request waits for a free connection (default 5)"),
        ("PALESTRA_TEMPLATES", "templates folder (default Templates)"),
        ("PALESTRA_PUBLIC", "static files folder (default Public)"),
        ("PALESTRA_MIGRATIONS", "migrations folder (default Migrations)"),
        ("PALESTRA_WORKERS", "jobs run at once by this process's workers; 0 for none (default 4; --workers overrides)"),
        ("PALESTRA_JOB_LEASE_SECONDS", "a running job's lease; a job whose worker stops renewing it runs again after it (default 30)"),
        ("PALESTRA_JOB_SHUTDOWN_SECONDS", "on SIGTERM, how long running jobs may finish before they are handed back (default 10)"),
        ("PALESTRA_JOB_RETENTION_DAYS", "finished jobs are deleted after this many days (default 7)"),
        ("PALESTRA_MEDIA", "folder for uploaded files (default Media)"),
        ("PALESTRA_SIGNIN_IDLE_HOURS", "hours of inactivity that end a browser's sign-in (default 12)"),
        ("PALESTRA_SIGNIN_DAYS", "days after sign-in that a browser's sign-in ends regardless (default 7)"),
        ("PALESTRA_SECURE_COOKIES", "true when served over HTTPS: the session cookie gets Secure (default false)"),
        ("PALESTRA_CLIENT_ADDRESS_HEADER", "behind a reverse proxy, the header with the client address, e.g. X-Forwarded-For (default: none, the peer address)"),
        ("PALESTRA_ARGON2_MEMORY_KIB", "argon2id memory per hash in KiB (default and minimum 19456)"),
        ("PALESTRA_ARGON2_ITERATIONS", "argon2id passes (default and minimum 2)"),
        ("PALESTRA_ARGON2_PARALLELISM", "argon2id lanes (default and minimum 1)"),
    ]

    /// Variables renamed in 0.12, new name → old name: the old names are still read (with a warning in
    /// ``warnings``) for one release.
    public static let renamedVariables: [String: String] = [
        "PALESTRA_TRAINING_SESSION_RETENTION_DAYS": "PALESTRA_SESSION_RETENTION_DAYS",
        "PALESTRA_TRAINING_SESSION_AUTOCLOSE_DAYS": "PALESTRA_SESSION_AUTOCLOSE_DAYS",
        "PALESTRA_SIGNIN_IDLE_HOURS": "PALESTRA_SESSION_IDLE_HOURS",
        "PALESTRA_SIGNIN_DAYS": "PALESTRA_SESSION_DAYS",
    ]

    /// Reads the configuration from `environment`.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> AppConfiguration {
        let reader = EnvironmentReader(environment: environment, formerNames: renamedVariables)
        guard let url = reader.string("DATABASE_URL") else {
            throw ConfigurationError(variable: "DATABASE_URL", problem: "is not set; point it at a PostgreSQL database")
        }
        let database: PostgresConfiguration
        do {
            database = try PostgresConfiguration(url)
        } catch {
            throw ConfigurationError(variable: "DATABASE_URL", problem: "is not a valid PostgreSQL URL (\(error))")
        }
        var configuration = AppConfiguration(database: database)
        configuration.host = reader.string("PALESTRA_HOST") ?? configuration.host
        configuration.port = try reader.integer("PALESTRA_PORT", in: 1...65535) ?? configuration.port
        if let zone = reader.string("PALESTRA_TIME_ZONE") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw ConfigurationError(variable: "PALESTRA_TIME_ZONE", problem: "'\(zone)' is not a time zone name such as Europe/Moscow")
            }
            configuration.timeZone = timeZone
        }
        if let code = reader.string("PALESTRA_LANGUAGE") {
            guard let language = Language(rawValue: code) else {
                let known = Language.allCases.map(\.rawValue).joined(separator: ", ")
                throw ConfigurationError(variable: "PALESTRA_LANGUAGE", problem: "'\(code)' is not one of \(known)")
            }
            configuration.defaultLanguage = language
        }
        configuration.bodyLimit = try reader.integer("PALESTRA_BODY_LIMIT", in: 1024...(1 << 30)) ?? configuration.bodyLimit
        configuration.uploadBodyLimit = try reader.integer("PALESTRA_UPLOAD_LIMIT", in: 1024...(1 << 30)) ?? configuration.uploadBodyLimit
        configuration.databasePoolSize = try reader.integer("PALESTRA_DB_POOL_SIZE", in: 1...500) ?? configuration.databasePoolSize
        if let seconds = try reader.integer("PALESTRA_DB_TIMEOUT", in: 1...300) {
            configuration.databaseCheckoutTimeout = .seconds(seconds)
        }
        configuration.templatesDirectory = reader.string("PALESTRA_TEMPLATES") ?? configuration.templatesDirectory
        configuration.publicDirectory = reader.string("PALESTRA_PUBLIC") ?? configuration.publicDirectory
        configuration.migrationsDirectory = reader.string("PALESTRA_MIGRATIONS") ?? configuration.migrationsDirectory
        configuration.mediaDirectory = reader.string("PALESTRA_MEDIA") ?? configuration.mediaDirectory
        if let seconds = try reader.integer("PALESTRA_API_TOKEN_CACHE_SECONDS", in: 0...60) {
            configuration.apiTokenCache = .seconds(seconds)
        }
        configuration.pageCachePages = try reader.integer("PALESTRA_PAGE_CACHE_PAGES", in: 0...10_000) ?? configuration.pageCachePages
        configuration.workers.slots = try reader.integer("PALESTRA_WORKERS", in: 0...1000) ?? configuration.workers.slots
        configuration.workers.leaseSeconds = try reader.integer("PALESTRA_JOB_LEASE_SECONDS", in: 2...3600) ?? configuration.workers.leaseSeconds
        if let seconds = try reader.integer("PALESTRA_JOB_SHUTDOWN_SECONDS", in: 0...3600) {
            configuration.workers.shutdownTimeout = .seconds(seconds)
        }
        if let days = try reader.integer("PALESTRA_JOB_RETENTION_DAYS", in: 1...3650) {
            configuration.workers.retentionSeconds = days * 24 * 3600
        }
        if let hours = try reader.integer("PALESTRA_SIGNIN_IDLE_HOURS", in: 1...720) {
            configuration.browserSessions.idleTimeout = .seconds(hours * 3600)
        }
        if let days = try reader.integer("PALESTRA_SIGNIN_DAYS", in: 1...365) {
            configuration.browserSessions.lifetime = .seconds(days * 24 * 3600)
        }
        configuration.browserSessions.secureCookie = try reader.boolean("PALESTRA_SECURE_COOKIES") ?? false
        if let header = reader.string("PALESTRA_CLIENT_ADDRESS_HEADER") {
            guard HTTPFieldName.isValid(header) else {
                throw ConfigurationError(variable: "PALESTRA_CLIENT_ADDRESS_HEADER", problem: "'\(header)' is not an HTTP header name")
            }
            configuration.clientAddressHeader = header
        }
        let minimum = Argon2Parameters.minimum
        let memory = try reader.integer("PALESTRA_ARGON2_MEMORY_KIB", in: Int(minimum.memoryKiB)...(4 * 1024 * 1024)) ?? Int(minimum.memoryKiB)
        let iterations = try reader.integer("PALESTRA_ARGON2_ITERATIONS", in: Int(minimum.iterations)...100) ?? Int(minimum.iterations)
        let lanes = try reader.integer("PALESTRA_ARGON2_PARALLELISM", in: Int(minimum.parallelism)...64) ?? Int(minimum.parallelism)
        if let parameters = Argon2Parameters(memoryKiB: UInt32(memory), iterations: UInt32(iterations), parallelism: UInt32(lanes)) {
            configuration.argon2 = parameters
        }
        for area in Area.all {
            try area.settings.read(reader, &configuration)
        }
        configuration.warnings = reader.warnings
        return configuration
    }

    /// The `PALESTRA_MAIL_*` variables and the delivery delay. A maildir folder must exist and a
    /// sendmail program be executable when their transport is chosen.
    static func notificationSettings(_ reader: EnvironmentReader) throws(ConfigurationError) -> NotificationSettings {
        var settings = NotificationSettings()
        switch reader.string("PALESTRA_MAIL_TRANSPORT")?.lowercased() {
        case nil, "log":
            settings.transport = .log
        case "maildir":
            guard let folder = reader.string("PALESTRA_MAILDIR") else {
                throw ConfigurationError(variable: "PALESTRA_MAILDIR", problem: "is not set; the maildir transport needs a folder")
            }
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw ConfigurationError(variable: "PALESTRA_MAILDIR", problem: "'\(folder)' is not an existing folder")
            }
            settings.transport = .maildir(folder: folder)
        case "sendmail":
            let path = reader.string("PALESTRA_SENDMAIL") ?? NotificationSettings.defaultSendmailPath
            guard path.hasPrefix("/"), FileManager.default.isExecutableFile(atPath: path) else {
                throw ConfigurationError(variable: "PALESTRA_SENDMAIL", problem: "'\(path)' is not an executable program given by its absolute path")
            }
            settings.transport = .sendmail(path: path)
        case let other?:
            let names = NotificationTransport.names.joined(separator: ", ")
            throw ConfigurationError(variable: "PALESTRA_MAIL_TRANSPORT", problem: "'\(other)' is not one of \(names)")
        }
        if let text = reader.string("PALESTRA_MAIL_FROM") {
            guard let sender = MailAddress(text) else {
                throw ConfigurationError(
                    variable: "PALESTRA_MAIL_FROM", problem: "'\(text)' is not a mail address such as Palestra <noreply@palestra.example>"
                )
            }
            settings.sender = sender
        }
        if let milliseconds = try reader.integer("PALESTRA_NOTIFICATION_DELAY_MS", in: 0...600_000) {
            settings.delay = .milliseconds(milliseconds)
        }
        return settings
    }
}
