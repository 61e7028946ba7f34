import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Job queue")
struct JobQueueTests {
    struct Rollback: Error {}

    @Test("a job enqueued in a transaction that rolls back does not exist; one that commits does")
    func transactional() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                await #expect(throws: Rollback.self) {
                    try await client.transaction { connection in
                        try await connection.execute("INSERT INTO users (email, display_name, role, password_hash) VALUES ('a@b.cd', 'A', 'coach', '$argon2id$x')")
                        try await JobQueue.enqueue(NoOpJob.self, .init(), on: connection)
                        throw Rollback()
                    }
                }
                #expect(try await client.scalar("SELECT count(*)::int FROM jobs", as: Int.self) == 0)
                #expect(try await client.scalar("SELECT count(*)::int FROM users", as: Int.self) == 0)
                let id = try await client.transaction { connection in
                    try await JobQueue.enqueue(NoOpJob.self, .init(), on: connection)
                }
                #expect(id != nil)
                #expect(try await client.scalar("SELECT state FROM jobs", as: String.self) == "available")
            }
        }
    }

    @Test("a job runs once and is completed")
    func runsOnce() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                try await client.execute(RecordingJob.createTable)
                let id = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(), on: client))
                try await TestWorker.with(client) {
                    try await eventually("the job completes") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed"
                    }
                }
                #expect(try await client.scalar("SELECT count(*)::int FROM job_effects WHERE job_id = $1", [id], as: Int.self) == 1)
                #expect(try await client.scalar("SELECT attempt FROM jobs WHERE id = $1", [id], as: Int.self) == 1)
            }
        }
    }

    @Test("a failing job is retried with growing delays, then discarded with every error kept")
    func retriesThenDiscards() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                try await client.execute(RecordingJob.createTable)
                let id = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(failures: 99), on: client))
                try await TestWorker.with(client) {
                    try await eventually("the job is discarded") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "discarded"
                    }
                }
                // The delays the queue chose, from its own records (not from when a busy machine got round to it):
                // each failure notes when the next attempt may run.
                let delays = try await client.query(
                    """
                    SELECT extract(epoch FROM (e->>'retry_at')::timestamptz - (e->>'at')::timestamptz)::float8 AS delay
                    FROM jobs, jsonb_array_elements(errors) WITH ORDINALITY AS entries(e, n)
                    WHERE id = $1 AND e ? 'retry_at' AND e->>'retry_at' IS NOT NULL ORDER BY n
                    """,
                    [id]
                ).map { try $0.decode("delay", as: Double.self) }
                #expect(delays.count == 2)
                if delays.count == 2 {
                    #expect(abs(delays[0] - 0.3) < 0.04, "first delay \(delays[0])")
                    #expect(abs(delays[1] - 1.2) < 0.13, "second delay \(delays[1])")
                }
                // And no attempt ran before its time.
                let early: Int = try await client.scalar(
                    """
                    SELECT count(*)::int FROM job_effects r JOIN LATERAL (
                        SELECT (e->>'retry_at')::timestamptz AS retry_at FROM jobs, jsonb_array_elements(errors) e
                        WHERE jobs.id = r.job_id AND (e->>'attempt')::int = r.attempt - 1
                    ) previous ON true
                    WHERE r.job_id = $1 AND r.at < previous.retry_at
                    """,
                    [id]
                )
                #expect(early == 0)
                #expect(try await client.scalar("SELECT count(*)::int FROM job_effects WHERE job_id = $1", [id], as: Int.self) == 3)
                let errors: String = try await client.scalar("SELECT errors::text FROM jobs WHERE id = $1", [id])
                for attempt in 1...3 { #expect(errors.contains("planned failure on attempt \(attempt)")) }
                #expect(try await client.scalar("SELECT finalized_at IS NOT NULL FROM jobs WHERE id = $1", [id], as: Bool.self))
            }
        }
    }

    @Test("a job that fails once succeeds on its retry")
    func recovers() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                try await client.execute(RecordingJob.createTable)
                let id = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(failures: 1), on: client))
                try await TestWorker.with(client) {
                    try await eventually("the job completes") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed"
                    }
                }
                #expect(try await client.scalar("SELECT attempt FROM jobs WHERE id = $1", [id], as: Int.self) == 2)
                #expect(try await client.scalar("SELECT jsonb_array_length(errors) FROM jobs WHERE id = $1", [id], as: Int.self) == 1)
            }
        }
    }

    @Test("a unique job requested twice while waiting exists once; after it finishes it can be requested again")
    func unique() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let options = JobOptions(uniqueKey: "resync:group:7")
                let first = try await JobQueue.enqueue(NoOpJob.self, .init(), options: options, on: client)
                let second = try await JobQueue.enqueue(NoOpJob.self, .init(), options: options, on: client)
                #expect(first != nil)
                #expect(second == nil)
                #expect(try await client.scalar("SELECT count(*)::int FROM jobs", as: Int.self) == 1)
                try await client.execute("UPDATE jobs SET state = 'completed', finalized_at = now()")
                #expect(try await JobQueue.enqueue(NoOpJob.self, .init(), options: options, on: client) != nil)
                // Concurrent requests: still one waiting job.
                try await client.execute("DELETE FROM jobs")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<10 {
                        group.addTask { _ = try await JobQueue.enqueue(NoOpJob.self, .init(), options: options, on: client) }
                    }
                    try await group.waitForAll()
                }
                #expect(try await client.scalar("SELECT count(*)::int FROM jobs", as: Int.self) == 1)
            }
        }
    }

    @Test("a scheduled job waits for its time, then runs")
    func scheduled() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                try await client.execute(RecordingJob.createTable)
                let runAt = Date().addingTimeInterval(1.5)
                let id = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(), options: JobOptions(runAt: runAt), on: client))
                #expect(try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "scheduled")
                try await TestWorker.with(client) {
                    try await eventually("the job completes") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed"
                    }
                }
                let ranAt: Date = try await client.scalar("SELECT at FROM job_effects")
                #expect(ranAt >= runAt.addingTimeInterval(-0.05))
            }
        }
    }

    @Test("a job whose worker stopped renewing its lease is rescued and run again")
    func rescue() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                try await client.execute(RecordingJob.createTable)
                let id = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(), on: client))
                // A worker that claims the job and dies: its lease runs out after a second.
                let claimed = try await JobStore.claim(queues: ["default"], limit: 1, worker: "dead-worker", leaseSeconds: 1, on: client)
                #expect(claimed.map(\.id) == [id])
                try await TestWorker.with(client) {
                    try await eventually("the job completes") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed"
                    }
                }
                #expect(try await client.scalar("SELECT attempt FROM jobs WHERE id = $1", [id], as: Int.self) == 2)
                #expect(try await client.scalar("SELECT errors::text LIKE '%dead-worker%expired%' FROM jobs WHERE id = $1", [id], as: Bool.self))
                // The dead worker's late completion changes nothing: the job is no longer its.
                #expect(try await JobStore.complete([id], worker: "dead-worker", on: client) == 0)
            }
        }
    }

    @Test("graceful shutdown lets a short job finish and hands a long one back without counting its attempt")
    func gracefulShutdown() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                try await client.execute(RecordingJob.createTable)
                let short = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(sleepMilliseconds: 300), on: client))
                let long = try #require(try await JobQueue.enqueue(RecordingJob.self, .init(sleepMilliseconds: 60_000), on: client))
                var settings = TestWorker.settings
                settings.shutdownTimeout = .seconds(3)
                try await TestWorker.with(client, settings: settings) {
                    try await eventually("both jobs run") {
                        try await client.scalar("SELECT count(*)::int FROM jobs WHERE state = 'running'", as: Int.self) == 2
                    }
                }
                #expect(try await client.scalar("SELECT state FROM jobs WHERE id = $1", [short], as: String.self) == "completed")
                #expect(try await client.scalar("SELECT state || ' ' || attempt FROM jobs WHERE id = $1", [long], as: String.self) == "available 0")
                #expect(try await client.scalar("SELECT count(*)::int FROM job_workers", as: Int.self) == 0)
            }
        }
    }

    @Test("periodic jobs fire once per period however many schedulers race; a missed fire is made up once")
    func periodicOnce() async throws {
        try await TestDatabase.with { database in
            let job = PeriodicJob(name: "nightly", schedule: .daily(hour: 0, minute: 5)) { connection in
                try await JobQueue.enqueue(NoOpJob.self, .init(), on: connection)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<3 {
                    group.addTask {
                        try await database.withClient(maxConnections: 2) { client in
                            let scheduler = PeriodicScheduler(jobs: [job], timeZone: TimeZone(identifier: "Europe/Moscow")!, database: client, logger: TestDatabase.logger)
                            for _ in 0..<5 { await scheduler.fireDue() }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let fires: Int = try await database.value("SELECT count(*)::int FROM periodic_runs")
            let jobs: Int = try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'palestra.noop'")
            let linked: Bool = try await database.value("SELECT job_id = (SELECT id FROM jobs) FROM periodic_runs")
            #expect(fires == 1)
            #expect(jobs == 1)
            #expect(linked)
        }
    }

    @Test("pruning deletes finished jobs past the retention, and nothing else")
    func prune() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                try await client.execute(
                    """
                    INSERT INTO jobs (kind, state, finalized_at) VALUES
                        ('old.completed', 'completed', now() - interval '8 days'),
                        ('old.discarded', 'discarded', now() - interval '8 days'),
                        ('old.cancelled', 'cancelled', now() - interval '8 days'),
                        ('recent.completed', 'completed', now() - interval '1 day')
                    """
                )
                try await client.execute("INSERT INTO jobs (kind, state, created_at) VALUES ('old.waiting', 'available', now() - interval '30 days')")
                #expect(try await JobStore.prune(olderThanSeconds: 7 * 24 * 3600, on: client) == 3)
                let left: String = try await client.scalar("SELECT string_agg(kind, ',' ORDER BY kind) FROM jobs")
                #expect(left == "old.waiting,recent.completed")
            }
        }
    }

    @Test("schedules: the latest fire at or before a moment, and the next after it, on the organisation's clock")
    func schedules() throws {
        let zone = TimeZone(identifier: "Europe/Moscow")!
        let formatter = ISO8601DateFormatter()
        let moment = try #require(formatter.date(from: "2026-11-21T09:00:00Z")) // 12:00 in Moscow, a Saturday
        func date(_ text: String) -> Date? { formatter.date(from: text) }
        let daily = JobSchedule.daily(hour: 0, minute: 5), monthly = JobSchedule.monthly(day: 1, hour: 0, minute: 5)
        let dailyLatest = daily.latestFire(atOrBefore: moment, in: zone), dailyNext = daily.nextFire(after: moment, in: zone)
        let monthlyLatest = monthly.latestFire(atOrBefore: moment, in: zone), monthlyNext = monthly.nextFire(after: moment, in: zone)
        let weeklyLatest = JobSchedule.weekly(weekday: 1, hour: 9, minute: 0).latestFire(atOrBefore: moment, in: zone)
        #expect(dailyLatest == date("2026-11-20T21:05:00Z"))
        #expect(dailyNext == date("2026-11-21T21:05:00Z"))
        #expect(monthlyLatest == date("2026-10-31T21:05:00Z"))
        #expect(monthlyNext == date("2026-11-30T21:05:00Z"))
        #expect(weeklyLatest == date("2026-11-16T06:00:00Z"))
        #expect(JobSchedule.weekly(weekday: 6, hour: 12, minute: 0).latestFire(atOrBefore: moment, in: zone) == moment)
        // Hourly: at 20 past each hour on the organisation's clock (in India too, 5 h 30 min ahead of UTC).
        let hourly = JobSchedule.hourly(minute: 20)
        #expect(hourly.latestFire(atOrBefore: moment, in: zone) == date("2026-11-21T08:20:00Z"))
        #expect(hourly.nextFire(after: moment, in: zone) == date("2026-11-21T09:20:00Z"))
        #expect(JobSchedule.hourly(minute: 0).latestFire(atOrBefore: moment, in: zone) == moment)
        #expect(JobSchedule.hourly(minute: 0).nextFire(after: moment, in: zone) == date("2026-11-21T10:00:00Z"))
        let india = TimeZone(identifier: "Asia/Kolkata")!
        #expect(hourly.latestFire(atOrBefore: moment, in: india) == date("2026-11-21T08:50:00Z"))
        #expect(hourly.nextFire(after: moment, in: india) == date("2026-11-21T09:50:00Z"))
        // Across midnight and a month's end: the fire before 00:10 on 1 December is 23:20 on 30 November.
        #expect(hourly.latestFire(atOrBefore: try #require(date("2026-11-30T21:10:00Z")), in: zone) == date("2026-11-30T20:20:00Z"))
    }
}

@Suite("Notifications through the queue")
struct NotificationQueueTests {
    @Test("a notification is delivered exactly once by a worker though the transport failed first")
    func deliveredOnceAfterFailure() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maildir-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 8) { client in
                let student = try await TestUsers.create("student@example.org", role: .student, in: database)
                let id = try await client.transaction { connection in
                    try await Notifier.notify(
                        recipient: student, kind: "lesson", subject: "Алгебра: урок перенесён", body: "Новое время: **18:30**",
                        link: "/lessons/7", on: connection
                    )
                }
                var registry = JobRegistry()
                registry.register(DeliverNotification(settings: NotificationSettings(transport: .maildir(folder: folder))))
                let worker = JobWorker(
                    database: client, registry: registry, periodic: [], timeZone: .gmt, settings: TestWorker.settings, logger: TestDatabase.logger
                )
                try await TestWorker.run(worker) {
                    // The folder does not exist yet: the first attempt fails and is retried later.
                    try await eventually("the first delivery fails") {
                        try await client.scalar("SELECT state FROM jobs WHERE kind = $1", [DeliverNotification.name], as: String.self) == "retryable"
                    }
                    #expect(try await client.scalar("SELECT delivered_at IS NULL FROM notifications WHERE id = $1", [id], as: Bool.self))
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try await client.execute("UPDATE jobs SET run_at = now() WHERE state = 'retryable'")
                    try await eventually("the retry delivers it") {
                        try await client.scalar("SELECT state FROM jobs WHERE kind = $1", [DeliverNotification.name], as: String.self) == "completed"
                    }
                    // Running the job again (as after a lost completion) sends nothing more.
                    _ = try await client.transaction { connection in
                        try await JobQueue.enqueue(DeliverNotification.self, .init(notificationID: id), on: connection)
                    }
                    try await eventually("the repeated job completes") {
                        try await client.scalar("SELECT count(*)::int FROM jobs WHERE kind = $1 AND state = 'completed'", [DeliverNotification.name], as: Int.self) == 2
                    }
                }
                let files = try FileManager.default.subpathsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }
                #expect(files.count == 1)
                #expect(try await client.scalar("SELECT delivered_at IS NOT NULL FROM notifications WHERE id = $1", [id], as: Bool.self))
                #expect(try await client.scalar("SELECT attempt FROM jobs WHERE kind = $1 ORDER BY id LIMIT 1", [DeliverNotification.name], as: Int.self) == 2)
            }
        }
    }
}
