import Foundation
import Logging
import Postgres

/// The job kinds and periodic jobs every Palestra process knows; `serve` and `worker` build theirs here.
public enum JobSetup {
    public static func registry(configuration: AppConfiguration, database: PostgresClient) -> JobRegistry {
        var registry = JobRegistry()
        registry.register(NoOpJob())
        registry.register(SleepJob())
        registry.register(PurgeEndedSessionsJob(sessions: SessionStore(database: database, settings: configuration.sessions)))
        return registry
    }

    public static func periodicJobs(configuration: AppConfiguration) -> [PeriodicJob] {
        [
            PeriodicJob(name: "purge-ended-sessions", schedule: .daily(hour: 3, minute: 30)) { connection in
                try await JobQueue.enqueue(PurgeEndedSessionsJob.self, .init(), on: connection)
            },
        ]
    }

    /// The worker service of a process (`slots` from `--workers`).
    public static func worker(configuration: AppConfiguration, database: PostgresClient, logger: Logger) -> JobWorker {
        JobWorker(
            database: database, registry: registry(configuration: configuration, database: database),
            periodic: periodicJobs(configuration: configuration), timeZone: configuration.timeZone,
            settings: configuration.workers, logger: logger
        )
    }
}
