import Foundation
import Logging
@testable import Palestra
import Postgres
import ServiceLifecycle
import TestSupport

/// A job kind for the queue's tests: records each run in `job_effects`, and fails its first
/// `failures` attempts.
struct RecordingJob: JobKind {
    struct Arguments: Codable, Sendable {
        var failures = 0
        var sleepMilliseconds = 0
    }

    static let name = "test.recording"
    static var maxAttempts: Int { 3 }
    /// Growing quickly, so a test sees the delays grow without waiting long: 0.3 s, 1.2 s, 2.7 s.
    static func retryDelay(afterAttempt attempt: Int) -> Double { 0.3 * Double(attempt * attempt) }

    static let createTable = "CREATE TABLE job_effects (job_id bigint NOT NULL, attempt integer NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())"

    func run(_ arguments: Arguments, context: JobContext) async throws {
        try await context.database.execute(
            "INSERT INTO job_effects (job_id, attempt) VALUES ($1, $2)", [context.jobID, context.attempt]
        )
        if arguments.sleepMilliseconds > 0 { try await Task.sleep(for: .milliseconds(arguments.sleepMilliseconds)) }
        if context.attempt <= arguments.failures { throw RecordingJobFailure(attempt: context.attempt) }
    }
}

struct RecordingJobFailure: Error, CustomStringConvertible {
    let attempt: Int
    var description: String { "planned failure on attempt \(attempt)" }
}

enum TestWorker {
    static let settings = WorkerSettings(
        slots: 4, leaseSeconds: 5, pollInterval: .milliseconds(100), shutdownTimeout: .seconds(3), retentionSeconds: 3600
    )

    static func registry() -> JobRegistry {
        var registry = JobRegistry()
        registry.register(RecordingJob())
        registry.register(SleepJob())
        registry.register(NoOpJob())
        return registry
    }

    /// Runs a worker on `database` while `body` runs, then shuts it down gracefully and waits for it.
    static func with<T: Sendable>(
        _ database: PostgresClient, settings: WorkerSettings = TestWorker.settings, periodic: [PeriodicJob] = [],
        _ body: @Sendable () async throws -> T
    ) async throws -> T {
        let worker = JobWorker(
            database: database, registry: registry(), periodic: periodic, timeZone: TimeZone(identifier: "Europe/Moscow")!,
            settings: settings, logger: TestDatabase.logger
        )
        return try await run(worker, body)
    }

    /// Runs a given worker while `body` runs, then shuts it down gracefully and waits for it.
    static func run<T: Sendable>(_ worker: JobWorker, _ body: @Sendable () async throws -> T) async throws -> T {
        let group = ServiceGroup(configuration: .init(services: [.init(service: worker)], logger: TestDatabase.logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                let result = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

extension PostgresClient {
    func scalar<T: PostgresDecodable>(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], as type: T.Type = T.self) async throws -> T {
        try await query(sql, parameters)[0].decode(at: 0, as: T.self)
    }
}
