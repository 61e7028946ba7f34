import Foundation
import Logging
import Postgres

/// The job kinds and periodic jobs every Palestra process knows, from the areas' registrations;
/// `serve` and `worker` build theirs here.
public enum JobSetup {
    /// Every area's job kinds.
    public static func registry(configuration: AppConfiguration, database: PostgresClient) -> JobRegistry {
        registry(configuration: configuration, database: database, areas: Area.all)
    }

    static func registry(configuration: AppConfiguration, database: PostgresClient, areas: [Area]) -> JobRegistry {
        var registry = JobRegistry()
        for area in areas {
            area.jobs(&registry, configuration, database)
        }
        return registry
    }

    /// Every area's periodic jobs.
    public static func periodicJobs(configuration: AppConfiguration) -> [PeriodicJob] {
        periodicJobs(configuration: configuration, areas: Area.all)
    }

    static func periodicJobs(configuration: AppConfiguration, areas: [Area]) -> [PeriodicJob] {
        areas.flatMap { $0.periodicJobs(configuration) }
    }

    /// The pool of the queue's own statements (claim, complete, fail, heartbeat, rescue): commits
    /// asynchronous (`synchronous_commit=off`). A crash may lose the latest of them — never an earlier
    /// one without the later ones, since the log is written in order — so a lost claim leaves its job
    /// available and a lost completion runs it again: at least once, as ever. Jobs themselves, and
    /// whatever enqueues jobs, commit durably through an ordinary pool.
    public static func queuePool(configuration: AppConfiguration, logger: Logger) -> PostgresClient {
        var database = configuration.database.settingServerParameter("synchronous_commit", to: "off")
        database.applicationName = "palestra-worker"
        return PostgresClient(
            configuration: database, maxConnections: configuration.databasePoolSize,
            checkoutTimeout: configuration.databaseCheckoutTimeout, logger: logger
        )
    }

    /// The worker service of a process (`slots` from `--workers`): queue statements through `queue`
    /// (see ``queuePool(configuration:logger:)``), jobs through the durable `database`.
    public static func worker(configuration: AppConfiguration, queue: PostgresClient, database: PostgresClient, logger: Logger) -> JobWorker {
        worker(configuration: configuration, queue: queue, database: database, areas: Area.all, logger: logger)
    }

    static func worker(
        configuration: AppConfiguration, queue: PostgresClient, database: PostgresClient, areas: [Area], logger: Logger
    ) -> JobWorker {
        JobWorker(
            database: queue, jobDatabase: database, registry: registry(configuration: configuration, database: database, areas: areas),
            periodic: periodicJobs(configuration: configuration, areas: areas), timeZone: configuration.timeZone,
            settings: configuration.workers, logger: logger
        )
    }
}
