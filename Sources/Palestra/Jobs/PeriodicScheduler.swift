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

    func fireDue() async throws {
        guard !jobs.isEmpty else { return }
        let now = try await JobStore.now(on: database)
        for job in jobs {
            guard let fireTime = job.schedule.latestFire(atOrBefore: now, in: timeZone) else { continue }
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
}
