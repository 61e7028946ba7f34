import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `palestra worker` processes against one database: what only separate processes show.
@Suite("Worker processes")
struct JobProcessTests {
    static func worker(_ database: TestDatabase, slots: Int = 4, extra: [String: String] = [:]) throws -> ServerProcess {
        var environment = ["DATABASE_URL": database.connectionString, "PALESTRA_JOB_LEASE_SECONDS": "2", "PALESTRA_JOB_SHUTDOWN_SECONDS": "5"]
        environment.merge(extra) { $1 }
        return try ServerProcess(arguments: ["worker", "--workers", String(slots)], environment: environment)
    }

    @Test("a worker killed with SIGKILL mid-job: another process completes the job after the lease")
    func killedWorker() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let id = try #require(try await JobQueue.enqueue(SleepJob.self, .init(milliseconds: 1500), on: client))
                let first = try Self.worker(database)
                defer { first.stopIfRunning() }
                try await eventually("the first worker runs the job") {
                    try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "running"
                }
                let owner: String = try await client.scalar("SELECT locked_by FROM jobs WHERE id = $1", [id])
                first.stopIfRunning() // SIGKILL: no cleanup, no hand-back
                let second = try Self.worker(database)
                defer { second.stopIfRunning() }
                try await eventually("another worker completes it") {
                    try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed"
                }
                #expect(try await client.scalar("SELECT attempt FROM jobs WHERE id = $1", [id], as: Int.self) == 2)
                let errors: String = try await client.scalar("SELECT errors::text FROM jobs WHERE id = $1", [id])
                #expect(errors.contains(owner) && errors.contains("expired"))
                second.terminate()
                #expect(try await second.waitForExit().status == 0)
            }
        }
    }

    @Test("two worker processes and 1,000 jobs: each completed exactly once")
    func twoWorkers() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let ids = try await JobQueue.enqueue(NoOpJob.self, batch: Array(repeating: .init(), count: 1000), on: client)
                #expect(ids.count == 1000)
                let workers = try [Self.worker(database, slots: 8), Self.worker(database, slots: 8)]
                defer { workers.forEach { $0.stopIfRunning() } }
                try await eventually("every job completes", timeout: .seconds(60)) {
                    try await client.scalar("SELECT count(*)::int FROM jobs WHERE state = 'completed' AND kind = 'palestra.noop'", as: Int.self) == 1000
                }
                #expect(try await client.scalar("SELECT count(*)::int FROM jobs WHERE kind = 'palestra.noop' AND (attempt <> 1 OR errors <> '[]')", as: Int.self) == 0)
                #expect(try await client.scalar("SELECT count(DISTINCT locked_by)::int FROM jobs WHERE kind = 'palestra.noop'", as: Int.self) == 0)
                for worker in workers {
                    worker.terminate()
                    #expect(try await worker.waitForExit().status == 0)
                }
            }
        }
    }

    @Test("three processes starting together fire a periodic job once for its period")
    func threeProcessesOnePeriodic() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let workers = try (0..<3).map { _ in try Self.worker(database, slots: 1) }
                defer { workers.forEach { $0.stopIfRunning() } }
                try await eventually("all three heartbeat") {
                    try await client.scalar("SELECT count(*)::int FROM job_workers", as: Int.self) == 3
                }
                // Each process runs its maintenance (and so the periodic check) at start and every second, and
                // heartbeats every second: two heartbeats after the last one started mean every process has
                // been through its periodic check at least twice while the others were running.
                try await eventually("every process heartbeats twice after the last one started") {
                    try await client.scalar(
                        "SELECT min(heartbeat_at) >= max(started_at) + interval '2 seconds' FROM job_workers", as: Bool.self
                    )
                }
                #expect(try await client.scalar("SELECT count(*)::int FROM periodic_runs WHERE name = 'purge-ended-sessions'", as: Int.self) == 1)
                #expect(try await client.scalar("SELECT count(*)::int FROM jobs WHERE kind = 'palestra.purge-ended-sessions'", as: Int.self) == 1)
                for worker in workers {
                    worker.terminate()
                    #expect(try await worker.waitForExit().status == 0)
                }
            }
        }
    }

    @Test("SIGTERM: the running job finishes, the process leaves the workers list and exits 0")
    func sigterm() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let id = try #require(try await JobQueue.enqueue(SleepJob.self, .init(milliseconds: 1000), on: client))
                let worker = try Self.worker(database)
                defer { worker.stopIfRunning() }
                try await eventually("the job runs") {
                    try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "running"
                }
                worker.terminate()
                let (status, errors) = try await worker.waitForExit()
                #expect(status == 0, "\(errors)")
                #expect(try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed")
                #expect(try await client.scalar("SELECT count(*)::int FROM job_workers", as: Int.self) == 0)
            }
        }
    }
}
