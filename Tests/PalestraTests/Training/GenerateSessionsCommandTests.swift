import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// `palestra generate-sessions` and `palestra seed`, run as the real executable against a test database.
@Suite("palestra generate-sessions and seed")
struct GenerateSessionsCommandTests {
    typealias Slot = TrainingFixture.Slot

    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    static func run(_ arguments: [String], database: TestDatabase) async throws -> Run {
        let process = try ServerProcess(arguments: arguments, environment: ["DATABASE_URL": database.connectionString], captureOutput: true)
        defer { process.stopIfRunning() }
        let (status, errors) = try await process.waitForExit(timeout: .seconds(60))
        return Run(status: status, output: try process.output(), errors: errors)
    }

    /// Slots tomorrow and the day after (never today: the clock cannot cross a session's start mid-test).
    static var slots: [Slot] {
        let today = CalendarDate.today(in: TrainingFixture.zone)
        return [Slot(weekday: today.adding(days: 1)!.weekday, start: "18:00"), Slot(weekday: today.adding(days: 2)!.weekday, start: "07:30")]
    }

    /// Two active groups and an archived one.
    static func groups(in database: TestDatabase) async throws -> (first: TrainingFixture, second: TrainingFixture, archived: TrainingFixture) {
        let first = try await TrainingFixture.make(in: database, name: "Alpha", slots: slots)
        let second = try await TrainingFixture.make(in: database, name: "Beta", slots: [slots[0]])
        let archived = try await TrainingFixture.make(in: database, name: "Gamma", slots: slots)
        try await database.run("UPDATE training_groups SET is_archived = true WHERE id = $1", [archived.group])
        return (first, second, archived)
    }

    @Test("without options: the rest of this month for every active group, a line per group and totals; idempotent")
    func currentMonth() async throws {
        try await TestDatabase.with { database in
            let (first, second, archived) = try await Self.groups(in: database)
            let run = try await Self.run(["generate-sessions"], database: database)
            #expect(run.status == 0, "\(run.errors)")
            let now = LocalMoment(Date(), in: TrainingFixture.zone)
            let expectedFirst = TrainingFixture.expectedStarts(Self.slots, after: now.description, through: now.date.lastOfMonth)
            let expectedSecond = TrainingFixture.expectedStarts([Self.slots[0]], after: now.description, through: now.date.lastOfMonth)
            #expect(Set(try await first.sessions().map(\.start)) == expectedFirst)
            #expect(Set(try await second.sessions().map(\.start)) == expectedSecond)
            #expect(try await archived.sessions().isEmpty)
            #expect(run.output.contains("[\(first.group)] Alpha: created \(expectedFirst.count), removed 0"))
            #expect(run.output.contains("[\(second.group)] Beta: created \(expectedSecond.count),"))
            #expect(!run.output.contains("Gamma"))
            #expect(run.output.contains("Total for 2 groups: created \(expectedFirst.count + expectedSecond.count), removed 0, cancelled (kept) 0"))
            let again = try await Self.run(["generate-sessions"], database: database)
            #expect(again.output.contains("Total for 2 groups: created 0, removed 0"))
        }
    }

    @Test("--all-groups-next-month and --group ID --next-month generate the whole of next month")
    func nextMonth() async throws {
        try await TestDatabase.with { database in
            let (first, second, _) = try await Self.groups(in: database)
            let next = CalendarDate.today(in: TrainingFixture.zone).firstOfNextMonth!
            let one = try await Self.run(["generate-sessions", "--group", String(second.group), "--next-month"], database: database)
            #expect(one.status == 0, "\(one.errors)")
            #expect(try await first.sessions().isEmpty)
            // Never generated before: the rest of this month comes with the next.
            let now = LocalMoment(Date(), in: TrainingFixture.zone).description
            let expected = TrainingFixture.expectedStarts([Self.slots[0]], after: now, through: next.lastOfMonth)
            #expect(Set(try await second.sessions().map(\.start)) == expected)
            #expect(one.output.contains("Total for 1 group: created \(expected.count),"))
            let all = try await Self.run(["generate-sessions", "--all-groups-next-month"], database: database)
            #expect(all.status == 0, "\(all.errors)")
            #expect(Set(try await first.sessions().map(\.start)) == TrainingFixture.expectedStarts(Self.slots, after: now, through: next.lastOfMonth))
            #expect(all.output.contains("[\(second.group)] Beta: created 0,"))
            let through: [String] = try await database.withClient { client in
                try await client.query("SELECT generated_through::text FROM training_groups WHERE NOT is_archived ORDER BY name").map { try $0.decode(at: 0) }
            }
            #expect(through == [next.description, next.description])
        }
    }

    @Test("errors: an unknown or archived group, and options that don't go together, exit non-zero with a message")
    func errors() async throws {
        try await TestDatabase.with { database in
            let (_, _, archived) = try await Self.groups(in: database)
            let unknown = try await Self.run(["generate-sessions", "--group", "999999"], database: database)
            #expect(unknown.status != 0)
            #expect(unknown.errors.contains("there is no training group with id 999999"))
            let old = try await Self.run(["generate-sessions", "--group", String(archived.group), "--next-month"], database: database)
            #expect(old.status != 0)
            #expect(old.errors.contains("(“Gamma”) is archived"))
            for (arguments, message) in [
                (["--cleanup", "--group", "1"], "--cleanup goes alone"),
                (["--force", "--next-month"], "--force re-builds the current month"),
                (["--all-groups-next-month", "--group", "1"], "for one group use --group ID --next-month"),
                (["--older-than-days", "5"], "--older-than-days goes with --cleanup"),
                (["--group=-3"], "--group must be a group's id"),
                (["--group", "abc"], "abc"),
            ] {
                let refused = try await Self.run(["generate-sessions"] + arguments, database: database)
                #expect(refused.status != 0, "\(arguments)")
                #expect(refused.errors.contains(message), "\(arguments): \(refused.errors)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions", as: Int.self) == 0)
        }
    }

    @Test("--dry-run prints each session it would create and saves nothing")
    func dryRun() async throws {
        try await TestDatabase.with { database in
            let (first, _, _) = try await Self.groups(in: database)
            let run = try await Self.run(["generate-sessions", "--all-groups-next-month", "--dry-run"], database: database)
            #expect(run.status == 0, "\(run.errors)")
            let next = CalendarDate.today(in: TrainingFixture.zone).firstOfNextMonth!
            let expected = TrainingFixture.expectedStarts(Self.slots, after: "\(next) 00:00", through: next.lastOfMonth)
            #expect(run.output.hasPrefix("Dry run: nothing is saved."))
            for start in expected { #expect(run.output.contains("  + \(start)  Alpha"), "\(start)") }
            #expect(try await first.sessions().isEmpty)
            #expect(try await database.value("SELECT count(*)::int FROM training_groups WHERE generated_through IS NOT NULL", as: Int.self) == 0)
        }
    }

    @Test("--cleanup deletes old placeholders only; --force re-builds this month from the schedule")
    func cleanupAndForce() async throws {
        try await TestDatabase.with { database in
            let (first, _, _) = try await Self.groups(in: database)
            for (days, start, status) in [(40, "08:00", "planned"), (40, "08:30", "held"), (10, "08:00", "planned")] {
                try await database.run(
                    """
                    INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status)
                    VALUES ($1, current_date - $2::int, $3::time, '09:30', $4)
                    """,
                    [first.group, days, start, status]
                )
            }
            let cleanup = try await Self.run(["generate-sessions", "--cleanup", "--older-than-days", "30"], database: database)
            #expect(cleanup.status == 0, "\(cleanup.errors)")
            #expect(cleanup.output.contains("Total: created 0, removed 1,"))
            #expect(try await first.sessions().count == 2)

            _ = try await Self.run(["generate-sessions", "--group", String(first.group)], database: database)
            try await database.run(
                "UPDATE training_sessions SET status = 'cancelled', notes = 'by hand' WHERE origin = 'schedule' AND session_date > current_date"
            )
            let cancelled: Int = try await database.value("SELECT count(*)::int FROM training_sessions WHERE status = 'cancelled'")
            let force = try await Self.run(["generate-sessions", "--force", "--group", String(first.group)], database: database)
            #expect(force.status == 0, "\(force.errors)")
            #expect(force.output.contains("created \(cancelled), removed \(cancelled), cancelled (kept) 0"))
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions WHERE status = 'cancelled'", as: Int.self) == 0)
        }
    }

    @Test("seed loads the demo once: 3 coaches, 6 groups of 2–3 slots, 80 athletes, this month's and next month's sessions")
    func seed() async throws {
        try await TestDatabase.with { database in
            let run = try await Self.run(["seed"], database: database)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.contains("Coaches (password \(DemoSeed.coachPassword))"))
            let coachList = DemoSeed.coaches.map { "'\($0.email)'" }.joined(separator: ", ")
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE role = 'coach' AND email IN (\(coachList))", as: Int.self) == 3)
            #expect(try await database.value("SELECT count(*)::int FROM training_groups", as: Int.self) == 6)
            let slots: [Int] = try await database.withClient { client in
                try await client.query("SELECT count(*)::int FROM group_schedule_slots GROUP BY group_id").map { try $0.decode(at: 0) }
            }
            #expect(slots.count == 6 && slots.allSatisfy { (2...3).contains($0) })
            #expect(try await database.value("SELECT count(*)::int FROM athletes", as: Int.self) == 80)
            #expect(try await database.value("SELECT count(DISTINCT athlete_id)::int FROM group_memberships", as: Int.self) == 80)
            let today = CalendarDate.today(in: TrainingFixture.zone)
            let months: [String] = try await database.withClient { client in
                try await client.query("SELECT DISTINCT to_char(session_date, 'YYYY-MM') FROM training_sessions ORDER BY 1").map { try $0.decode(at: 0) }
            }
            #expect(months == [String(today.description.prefix(7)), String(today.firstOfNextMonth!.description.prefix(7))])
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions WHERE status = 'held' AND session_date > current_date", as: Int.self) == 0)
            let again = try await Self.run(["seed"], database: database)
            #expect(again.status == 0)
            #expect(again.output.contains("Training data exists already"))
            #expect(try await database.value("SELECT count(*)::int FROM athletes", as: Int.self) == 80)
        }
    }

    @Test("seed --bench (smaller here): twelve months of sessions, past ones held with a mark for every member; once only; a bench coach left from before is reused")
    func benchSeed() async throws {
        try await TestDatabase.with { database in
            let leftOver = try await TestUsers.create("bench.coach3@palestra.example", role: .student, in: database)
            try await database.withClient { client in
                let seed = BenchSeed(database: client, hasher: try await TestUsers.hasher(), timeZone: TrainingFixture.zone)
                #expect(try await seed.load(groups: 4, athletes: 40) { _ in })
                #expect(try await seed.load(groups: 4, athletes: 40) { _ in } == false)
            }
            #expect(try await database.value("SELECT count(*)::int FROM training_groups", as: Int.self) == 4)
            #expect(try await database.value("SELECT count(DISTINCT to_char(session_date, 'YYYY-MM'))::int FROM training_sessions", as: Int.self) == 12)
            let unmarked: Int = try await database.value(
                """
                SELECT count(*)::int FROM training_sessions s JOIN group_memberships m ON m.group_id = s.group_id
                WHERE s.status = 'held' AND NOT EXISTS (SELECT 1 FROM attendance_records a WHERE a.session_id = s.id AND a.athlete_id = m.athlete_id)
                """
            )
            #expect(unmarked == 0)
            #expect(try await database.value("SELECT count(*)::int FROM attendance_records a JOIN training_sessions s ON s.id = a.session_id WHERE s.status <> 'held'", as: Int.self) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM attendance_records", as: Int.self) > 40 * 40)
            // The left-over account is one of the ten coaches again, with the password the seed prints.
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE email LIKE 'bench.coach%' AND role = 'coach'", as: Int.self) == 10)
            #expect(try await database.value("SELECT count(*)::int FROM training_groups WHERE coach_id = $1", [leftOver], as: Int.self) > 0)
            let hash: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [leftOver])
            #expect(await (try TestUsers.hasher()).verify(BenchSeed.coachPassword, against: hash))
        }
    }
}
