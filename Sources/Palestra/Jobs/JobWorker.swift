import Foundation
import Logging
import Postgres
import ServiceLifecycle

/// Runs jobs in this process: claims up to its free slots whenever a `NOTIFY` arrives, a job ends, or
/// the poll interval passes; renews its leases by heartbeat; rescues other workers' expired jobs;
/// fires periodic jobs; prunes finished ones. On graceful shutdown it stops claiming, lets running
/// jobs finish for a while, then hands the rest back without counting their attempt.
public final class JobWorker: Service, Sendable {
    /// The queue's own statements (claim, complete, heartbeat…), with asynchronous commits.
    let database: PostgresClient
    /// What jobs get in their context: durable commits, like any request.
    let jobDatabase: PostgresClient
    let registry: JobRegistry
    let periodic: PeriodicScheduler
    let settings: WorkerSettings
    let logger: Logger
    let identity: WorkerIdentity
    let wake = WakeSignal()
    let running = RunningJobs()
    let completions: CompletionBatcher

    public init(
        database: PostgresClient, jobDatabase: PostgresClient? = nil, registry: JobRegistry, periodic: [PeriodicJob],
        timeZone: TimeZone, settings: WorkerSettings, logger: Logger
    ) {
        self.database = database
        self.jobDatabase = jobDatabase ?? database
        self.registry = registry
        self.periodic = PeriodicScheduler(jobs: periodic, timeZone: timeZone, database: jobDatabase ?? database, logger: logger)
        self.settings = settings
        self.logger = logger
        self.identity = WorkerIdentity.make(slots: settings.slots)
        self.completions = CompletionBatcher(database: database, worker: identity.id, logger: logger)
    }

    public func run() async throws {
        guard settings.slots > 0 else { return }
        logger.info("job worker started", metadata: ["worker": "\(identity.id)", "slots": "\(settings.slots)"])
        try? await JobStore.heartbeat(worker: identity, running: [], leaseSeconds: settings.leaseSeconds, on: database)
        async let completing: Void = completions.run()
        await withTaskGroup(of: Void.self) { background in
            background.addTask { await self.listen() }
            background.addTask { await self.heartbeats() }
            background.addTask { await self.maintenance() }
            await withGracefulShutdownHandler {
                await self.claimLoop()
            } onGracefulShutdown: {
                Task { await self.running.stop() ; await self.wake.fire() }
            }
            background.cancelAll()
        }
        await completions.stop()
        await completing
        try? await JobStore.removeWorker(identity.id, on: database)
        logger.info("job worker stopped", metadata: ["worker": "\(identity.id)"])
    }

    /// Claims and runs jobs until told to stop, then drains: running jobs get `shutdownTimeout` to finish.
    func claimLoop() async {
        // A discarding group: finished jobs leave nothing behind, however many run over the process's life.
        await withDiscardingTaskGroup { jobs in
            while await !running.isStopping, !Task.isCancelled {
                let free = settings.slots - (await running.count)
                var claimed: [ClaimedJob] = []
                if free > 0 {
                    do {
                        claimed = try await JobStore.claim(
                            queues: settings.queues, limit: free, worker: identity.id, leaseSeconds: settings.leaseSeconds, on: database
                        )
                    } catch {
                        logger.warning("claiming jobs failed", metadata: ["error": "\(error)"])
                    }
                }
                for job in claimed {
                    await running.add(job.id)
                    jobs.addTask { await self.execute(job) }
                }
                if claimed.isEmpty || claimed.count < free {
                    await wake.wait(upTo: settings.pollInterval)
                }
            }
            await drain(jobs: &jobs)
        }
    }

    private func drain(jobs: inout DiscardingTaskGroup) async {
        let deadline = ContinuousClock.now + settings.shutdownTimeout
        while await running.count > 0, ContinuousClock.now < deadline {
            await wake.wait(upTo: .milliseconds(50))
        }
        let left = await running.handOver()
        if !left.isEmpty {
            logger.notice("handing back unfinished jobs", metadata: ["jobs": "\(left)"])
            try? await JobStore.handBack(left, worker: identity.id, on: database)
            jobs.cancelAll()
        }
    }

    /// Runs one job and records how it ended, unless it was handed back meanwhile.
    func execute(_ job: ClaimedJob) async {
        let context = JobContext(jobID: job.id, attempt: job.attempt, database: jobDatabase, logger: logger)
        do {
            guard let entry = registry.entry(job.kind) else {
                throw JobError.unknownKind(job.kind)
            }
            try await entry.run(job.arguments, context)
            if await running.finish(job.id) { await completions.add(job.id) }
        } catch {
            guard await running.finish(job.id) else { return }
            let delay = registry.entry(job.kind)?.retryDelay(job.attempt) ?? RetryPolicy.delay(afterAttempt: job.attempt)
            logger.warning("job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)", "error": "\(error)"])
            do {
                try await JobStore.fail(job.id, worker: identity.id, error: String(describing: error), retryDelay: delay, on: database)
            } catch {
                logger.error("recording a job's failure failed; its lease will expire and it will run again", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
        }
        // Claim again once half the slots are free (or all are): one claim for many jobs, not one each.
        if await running.count <= settings.slots / 2 { await wake.fire() }
    }

    /// Wakes the claim loop at every `NOTIFY` (and on every (re)connect, when notifications may have been missed).
    func listen() async {
        for await _ in database.listen(channel: JobQueue.channel) {
            await wake.fire()
        }
    }

    func heartbeats() async {
        let interval = Duration.seconds(max(1, settings.leaseSeconds / 3))
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            do {
                try await JobStore.heartbeat(worker: identity, running: await running.all, leaseSeconds: settings.leaseSeconds, on: database)
            } catch where !Task.isCancelled {
                logger.warning("heartbeat failed", metadata: ["error": "\(error)"])
            } catch {}
        }
    }

    /// Rescues expired leases (every half lease), fires periodic jobs (every few seconds), prunes (hourly).
    func maintenance() async {
        var lastPrune = ContinuousClock.now - .seconds(3600)
        let interval = Duration.seconds(max(1, min(5, settings.leaseSeconds / 2)))
        while !Task.isCancelled {
            // Each step on its own: one failing must not stop the others.
            do {
                let rescued = try await JobStore.rescueExpired(on: database)
                if rescued > 0 {
                    logger.notice("rescued jobs whose lease expired", metadata: ["count": "\(rescued)"])
                    await wake.fire()
                }
            } catch where !Task.isCancelled {
                logger.warning("rescuing expired leases failed", metadata: ["error": "\(error)"])
            } catch {}
            await periodic.fireDue()
            if ContinuousClock.now - lastPrune >= .seconds(3600) {
                do {
                    var pruned = 0, batch = 0
                    repeat {
                        batch = try await JobStore.prune(olderThanSeconds: settings.retentionSeconds, on: database)
                        pruned += batch
                    } while batch == JobStore.pruneBatch && !Task.isCancelled
                    if pruned > 0 { logger.info("pruned finished jobs", metadata: ["count": "\(pruned)"]) }
                    lastPrune = ContinuousClock.now
                } catch where !Task.isCancelled {
                    logger.warning("pruning finished jobs failed", metadata: ["error": "\(error)"])
                } catch {}
            }
            try? await Task.sleep(for: interval)
        }
    }
}
