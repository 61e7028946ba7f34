import ArgumentParser
import Palestra
import Postgres
import ServiceLifecycle

struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Run only background workers (as many processes and machines as needed, against one database).",
        discussion: "Stops gracefully on SIGTERM or SIGINT: running jobs get PALESTRA_JOB_SHUTDOWN_SECONDS to finish, the rest go back to the queue."
    )

    @Option(help: "Jobs this process runs at once (overrides PALESTRA_WORKERS, default 4).")
    var workers: Int?

    func validate() throws {
        if let workers, !(1...1000).contains(workers) {
            throw ValidationError("--workers must be a number from 1 to 1000")
        }
    }

    func run() async throws {
        MallocSettings.apply()
        let configuration = try loadConfiguration(overriding: ["PALESTRA_WORKERS": workers.map(String.init)].compactMapValues { $0 })
        let logger = makeLogger()
        for warning in configuration.warnings { logger.warning("\(warning)") }
        guard configuration.workers.slots > 0 else {
            throw stop(ValidationError("PALESTRA_WORKERS is 0: a worker process needs at least one slot"))
        }
        let database = PostgresClient(
            configuration: configuration.database, maxConnections: configuration.databasePoolSize,
            checkoutTimeout: configuration.databaseCheckoutTimeout, logger: logger
        )
        let queue = JobSetup.queuePool(configuration: configuration, logger: logger)
        let worker = JobSetup.worker(configuration: configuration, queue: queue, database: database, logger: logger)
        // The pools close after the worker stops (services stop in reverse order).
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: DatabaseService(database: database)), .init(service: DatabaseService(database: queue)),
                    .init(service: worker),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch {
            throw stop(error)
        }
    }
}
