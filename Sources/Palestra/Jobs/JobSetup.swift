import Foundation
import Logging
import Postgres

/// The job kinds and periodic jobs every Palestra process knows; `serve` and `worker` build theirs here.
public enum JobSetup {
    public static func registry(configuration: AppConfiguration, database: PostgresClient) -> JobRegistry {
        var registry = JobRegistry()
        registry.register(NoOpJob())
        registry.register(SleepJob())
        registry.register(PurgeEndedBrowserSessionsJob(browserSessions: BrowserSessionStore(database: database, settings: configuration.browserSessions)))
        registry.registerNotificationJobs(configuration: configuration)
        let generator = TrainingSessionGenerator(database: database, timeZone: configuration.timeZone)
        registry.register(ScheduleResyncJob(generator: generator))
        registry.register(GenerateMonthTrainingSessionsJob(generator: generator))
        registry.register(CleanupOldTrainingSessionsJob(generator: generator, settings: configuration.training))
        let journal = AttendanceJournal(store: AttendanceStore(database: database), timeZone: configuration.timeZone)
        registry.register(AutoCloseTrainingSessionsJob(journal: journal, settings: configuration.training))
        return registry
    }

    public static func periodicJobs(configuration: AppConfiguration) -> [PeriodicJob] {
        [
            PeriodicJob(name: "purge-ended-sessions", schedule: .daily(hour: 3, minute: 30)) { connection in
                try await JobQueue.enqueue(PurgeEndedBrowserSessionsJob.self, .init(), on: connection)
            },
            // The 1st of each month at 00:05: next month's training sessions for every active group.
            PeriodicJob(name: "generate-next-month-sessions", schedule: .monthly(day: 1, hour: 0, minute: 5)) { connection in
                try await GenerateMonthTrainingSessionsJob.enqueueNextMonth(today: .today(in: configuration.timeZone), on: connection)
            },
            // Mondays at 04:15: never-held training sessions without attendance older than PALESTRA_TRAINING_SESSION_RETENTION_DAYS.
            PeriodicJob(name: "cleanup-old-sessions", schedule: .weekly(weekday: 1, hour: 4, minute: 15)) { connection in
                try await JobQueue.enqueue(CleanupOldTrainingSessionsJob.self, .init(), on: connection)
            },
            // Daily at 02:10: training sessions dated PALESTRA_TRAINING_SESSION_AUTOCLOSE_DAYS or more days ago close.
            PeriodicJob(name: "autoclose-sessions", schedule: .daily(hour: 2, minute: 10)) { connection in
                try await JobQueue.enqueue(AutoCloseTrainingSessionsJob.self, .init(), on: connection)
            },
        ]
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
        JobWorker(
            database: queue, jobDatabase: database, registry: registry(configuration: configuration, database: database),
            periodic: periodicJobs(configuration: configuration), timeZone: configuration.timeZone,
            settings: configuration.workers, logger: logger
        )
    }
}
