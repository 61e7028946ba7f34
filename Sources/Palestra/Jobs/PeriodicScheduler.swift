import Foundation
import Logging
import Postgres

/// Fires periodic jobs: for each, the latest fire time at or before now (by the database clock) is
/// recorded in `periodic_runs` and its job enqueued in the same transaction, by whichever process
/// gets there first. A fire missed while everything was down is made up once (only the latest).
struct PeriodicScheduler: Sendable {
    let jobs: [PeriodicJob]
    let timeZone: TimeZone
    let database: PostgresClient
    let logger: Logger

    /// Fires what is due; a failure is logged and tried again at the next pass, each job on its own.
    func fireDue() async {
        guard !jobs.isEmpty, let now = try? await JobStore.now(on: database) else { return }
        for job in jobs {
            do {
                try await fire(job, now: now)
            } catch where !Task.isCancelled {
                logger.warning("firing a periodic job failed", metadata: ["name": "\(job.name)", "error": "\(error)"])
            } catch {}
        }
    }

    private func fire(_ job: PeriodicJob, now: Date) async throws {
        guard let fireTime = job.schedule.latestFire(atOrBefore: now, in: timeZone) else { return }
        let fired = try await database.transaction { connection -> Int?? in
            guard try await JobStore.recordFire(name: job.name, at: fireTime, on: connection) else { return .none }
            let jobID = try await job.enqueue(connection)
            try await JobStore.attachJob(jobID, toFire: job.name, at: fireTime, on: connection)
            return .some(jobID)
        }
        if case .some(let jobID) = fired {
            logger.info("periodic job fired", metadata: ["name": "\(job.name)", "fire": "\(fireTime)", "job": "\(jobID.map(String.init) ?? "none")"])
        }
    }
}
