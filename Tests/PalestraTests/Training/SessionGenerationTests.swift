import Foundation
import Logging
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Generating months, cleaning up old placeholders, and the training jobs through a real worker.
@Suite("Training: session generation, cleanup and jobs")
struct SessionGenerationTests {
    typealias Slot = TrainingFixture.Slot
    static let slots = [Slot(weekday: 1, start: "18:00"), Slot(weekday: 3, start: "18:00", minutes: 60, location: "Hall B")]
    static let now = TrainingFixture.moment("2026-11-18 12:00")

    @Test("generating a month is idempotent, starts after now, and records the month as generated")
    func idempotent() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: Self.slots)
            try await database.withClient { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                let november = try await generator.generateMonth(group: fixture.group, month: CalendarDate("2026-11-01")!, now: Self.now)
                #expect(november.created.map(\.label) == [
                    "U-12 Football · 2026-11-18 18:00", "U-12 Football · 2026-11-23 18:00",
                    "U-12 Football · 2026-11-25 18:00", "U-12 Football · 2026-11-30 18:00",
                ])
                let december = try await generator.generateMonth(group: fixture.group, month: CalendarDate("2026-12-15")!, now: Self.now)
                #expect(december.created.count == 4 + 5)  // Mondays 7…28, Wednesdays 2…30
                #expect(try await generator.generateMonth(group: fixture.group, month: CalendarDate("2026-12-01")!, now: Self.now).isEmpty)
                #expect(try await generator.generateMonth(group: fixture.group, month: CalendarDate("2026-11-01")!, now: Self.now).isEmpty)
                #expect(try await database.value("SELECT generated_through::text FROM training_groups", as: String.self) == "2026-12-01")
                let wednesday = try #require(try await fixture.sessions().first { $0.start == "2026-12-02 18:00" })
                #expect(wednesday.end == "19:00" && wednesday.location == "Hall B" && wednesday.origin == "schedule" && wednesday.status == "planned")
                let audited: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'add' AND object_type = 'training-sessions'")
                #expect(audited == 13)
            }
        }
    }

    @Test("an archived or unknown group gets no sessions and a clear refusal")
    func refusals() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: Self.slots)
            try await database.run("UPDATE training_groups SET is_archived = true")
            try await database.withClient { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                await #expect(throws: TrainingSessionGenerator.Failure.archivedGroup(fixture.group, name: "U-12 Football")) {
                    try await generator.generateMonth(group: fixture.group, month: CalendarDate("2026-12-01")!, now: Self.now)
                }
                await #expect(throws: TrainingSessionGenerator.Failure.unknownGroup(999_999)) {
                    try await generator.generateMonth(group: 999_999, month: CalendarDate("2026-12-01")!, now: Self.now)
                }
                let active = try await generator.activeGroups()
                #expect(active.isEmpty)
            }
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions", as: Int.self) == 0)
        }
    }

    @Test("a dry run reports what it would do and changes nothing")
    func dryRun() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: Self.slots)
            try await database.withClient { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                let changes = try await generator.generateMonth(group: fixture.group, month: CalendarDate("2026-12-01")!, now: Self.now, dryRun: true)
                #expect(changes.created.count == 4 + 9, "December, and the rest of November never generated")
            }
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions", as: Int.self) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'training-sessions'", as: Int.self) == 0)
            #expect(try await database.value("SELECT generated_through IS NULL FROM training_groups", as: Bool.self))
        }
    }

    @Test("cleanup removes only old placeholders: never a session with attendance, a held one or a recent one")
    func cleanup() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: [])
            for (day, status) in [("2026-07-01", "planned"), ("2026-07-02", "cancelled"), ("2026-07-03", "held"),
                                  ("2026-07-06", "planned"), ("2026-08-20", "planned"), ("2026-08-21", "planned")] {
                try await database.run(
                    "INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status, origin) VALUES ($1, $2::date, '18:00', '19:00', $3, 'schedule')",
                    [fixture.group, day, status]
                )
            }
            try await fixture.addAttendance(at: "2026-07-06 18:00")
            try await database.withClient { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                // 90 days before 18 November is 20 August: sessions dated before it go.
                let changes = try await generator.cleanup(olderThanDays: 90, now: Self.now)
                #expect(changes.removed.map(\.date.description) == ["2026-07-01", "2026-07-02"])
            }
            let left = try await fixture.sessions().map { String($0.start.prefix(10)) }
            #expect(left == ["2026-07-03", "2026-07-06", "2026-08-20", "2026-08-21"])
        }
    }

    @Test("a re-sync job is unique while it waits; once started, a new change enqueues another")
    func uniqueUntilStarted() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: Self.slots)
            try await database.withClient { client in
                let first = try await ScheduleResyncJob.enqueue(groupID: fixture.group, on: client)
                #expect(first != nil)
                #expect(try await ScheduleResyncJob.enqueue(groupID: fixture.group, on: client) == nil)
                let claimed = try await JobStore.claim(queues: ["default"], limit: 1, worker: "test", leaseSeconds: 30, on: client)
                #expect(claimed.map(\.id) == [first])
                let second = try await ScheduleResyncJob.enqueue(groupID: fixture.group, on: client)
                #expect(second != nil && second != first)
                // Other kinds keep their key until they finish.
                let noop = try await JobQueue.enqueue(NoOpJob.self, .init(), options: JobOptions(uniqueKey: "n"), on: client)
                _ = try await JobStore.claim(queues: ["default"], limit: 5, worker: "test", leaseSeconds: 30, on: client)
                #expect(noop != nil)
                #expect(try await JobQueue.enqueue(NoOpJob.self, .init(), options: JobOptions(uniqueKey: "n"), on: client) == nil)
            }
        }
    }

    @Test("the re-sync job runs through a worker; a failure is audited and retried")
    func resyncJob() async throws {
        try await TestDatabase.with { database in
            // Slots on days other than today, so the clock cannot cross a session's start during the test.
            let today = CalendarDate.today(in: TrainingFixture.zone)
            let tomorrow = today.adding(days: 1)!.weekday, later = today.adding(days: 3)!.weekday
            let fixture = try await TrainingFixture.make(in: database, slots: [Slot(weekday: tomorrow, start: "18:00")])
            try await database.withClient(maxConnections: 12) { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                _ = try await generator.generateMonth(group: fixture.group, month: today)
                try await fixture.setSlots([Slot(weekday: later, start: "17:00")])
                try await database.run("ALTER TABLE attendance_records RENAME TO attendance_records_gone")
                let id = try #require(try await ScheduleResyncJob.enqueue(groupID: fixture.group, on: client))
                try await Self.withTrainingWorker(client) {
                    try await eventually("the failure is audited and the job waits for a retry") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "retryable"
                    }
                    let failure: String = try await client.scalar(
                        "SELECT changes::text FROM audit_records WHERE action = 'sync_failed' AND object_id = $1", [String(fixture.group)]
                    )
                    #expect(failure.contains("schedule re-sync") && failure.contains("attendance_records"))
                    try await client.execute("ALTER TABLE attendance_records_gone RENAME TO attendance_records")
                    try await client.execute("UPDATE jobs SET run_at = now() WHERE id = $1", [id])
                    try await eventually("the retry completes") {
                        try await client.scalar("SELECT state FROM jobs WHERE id = $1", [id], as: String.self) == "completed"
                    }
                }
                let now = LocalMoment(Date(), in: TrainingFixture.zone).description
                let future = Set(try await fixture.sessions().filter { $0.start > now }.map(\.start))
                #expect(future == TrainingFixture.expectedStarts([Slot(weekday: later, start: "17:00")], after: now, through: today.lastOfMonth))
            }
        }
    }

    @Test("the monthly periodic job enqueues next month for every active group, and the jobs generate it")
    func monthly() async throws {
        try await TestDatabase.with { database in
            let active = try await TrainingFixture.make(in: database, name: "Active", slots: Self.slots)
            let archived = try await TrainingFixture.make(in: database, name: "Archived", slots: Self.slots)
            try await database.run("UPDATE training_groups SET is_archived = true WHERE id = $1", [archived.group])
            try await database.withClient(maxConnections: 12) { client in
                let today = CalendarDate.today(in: TrainingFixture.zone)
                let next = today.firstOfNextMonth!
                _ = try await client.transaction { connection in
                    try await GenerateMonthTrainingSessionsJob.enqueueNextMonth(today: today, on: connection)
                }
                let arguments: [String] = try await client.query("SELECT args::text FROM jobs WHERE kind = 'training.generate-month'").map { try $0.decode(at: 0) }
                #expect(arguments == ["{\"month\": \"\(next)\", \"group_id\": \(active.group)}"])
                try await Self.withTrainingWorker(client) {
                    try await eventually("the generation completes") {
                        try await client.scalar("SELECT count(*)::int FROM jobs WHERE state = 'completed'", as: Int.self) == 1
                    }
                }
                // A group never generated (created mid-month) gets the rest of this month as well as the next.
                let expected = TrainingFixture.expectedStarts(Self.slots, after: LocalMoment(Date(), in: TrainingFixture.zone).description, through: next.lastOfMonth)
                #expect(Set(try await active.sessions().map(\.start)) == expected)
                #expect(try await archived.sessions().isEmpty)
                let periodic = JobSetup.periodicJobs(configuration: AppConfiguration(database: database.configuration)).map(\.name)
                #expect(periodic.contains("generate-next-month-sessions") && periodic.contains("cleanup-old-sessions"))
            }
        }
    }

    /// A worker with the real registry (its jobs use `client`).
    static func withTrainingWorker(_ client: PostgresClient, _ body: @Sendable () async throws -> Void) async throws {
        let configuration = AppConfiguration(database: try TestDatabase.maintenanceConfiguration())
        let worker = JobWorker(
            database: client, registry: JobSetup.registry(configuration: configuration, database: client), periodic: [],
            timeZone: TrainingFixture.zone, settings: TestWorker.settings, logger: TestDatabase.logger
        )
        try await TestWorker.run(worker, body)
    }
}
