import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The schedule re-sync, case by case: the month (and the next one, when generated) is generated from
/// the slots before, some sessions get attendance, are closed or added by hand, the slots change, and
/// the re-sync runs at a fixed "now". Afterwards every past, closed or manual session is exactly as it
/// was, and the future ones are exactly what the new slots give (computed independently, day by day),
/// plus the cancelled ones kept for their attendance records.
@Suite("Training: schedule re-sync")
struct SessionResyncTests {
    typealias Slot = TrainingFixture.Slot

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        var now = "2026-11-18 12:00"
        var before: [Slot] = [Slot(weekday: 1, start: "18:00"), Slot(weekday: 3, start: "18:00")]
        var after: [Slot]
        var nextMonthGenerated = false
        var attendance: [String] = []
        var closed: [String] = []
        var manual: [String] = []
        var archive = false
        /// created, removed, cancelled (kept), updated: counted by hand from the calendar of November and
        /// December 2026 (Wednesday 18 November; December starts on a Tuesday).
        let expected: (created: Int, removed: Int, cancelled: Int, updated: Int)

        var testDescription: String { name }
    }

    static let monday = Slot(weekday: 1, start: "18:00"), wednesday = Slot(weekday: 3, start: "18:00")

    static let cases: [Case] = [
        Case(name: "a slot's weekday changed (Monday → Tuesday)", after: [Slot(weekday: 2, start: "18:00"), wednesday],
             expected: (1, 2, 0, 0)),
        Case(name: "a slot's weekday changed with December generated", after: [Slot(weekday: 2, start: "18:00"), wednesday],
             nextMonthGenerated: true, expected: (6, 6, 0, 0)),
        Case(name: "a slot's time changed (Wednesday 18:00 → 19:30), today's included",
             after: [monday, Slot(weekday: 3, start: "19:30")], expected: (2, 2, 0, 0)),
        Case(name: "a slot added (Friday 17:00)", after: [monday, wednesday, Slot(weekday: 5, start: "17:00", minutes: 60)],
             expected: (2, 0, 0, 0)),
        Case(name: "a slot removed (Monday)", after: [wednesday], expected: (0, 2, 0, 0)),
        Case(name: "a session with attendance on a removed slot is cancelled and kept", after: [wednesday],
             attendance: ["2026-11-23 18:00"], expected: (0, 1, 1, 0)),
        Case(name: "a closed session on a removed slot is left alone", after: [wednesday],
             closed: ["2026-11-23 18:00"], expected: (0, 1, 0, 0)),
        Case(name: "today before now is past, today after now is future",
             before: [Slot(weekday: 3, start: "10:00"), Slot(weekday: 3, start: "18:00")],
             after: [Slot(weekday: 3, start: "11:00"), Slot(weekday: 3, start: "13:00")], expected: (3, 3, 0, 0)),
        Case(name: "the month boundary: the last evening of November, December not generated", now: "2026-11-30 20:00",
             before: [monday], after: [Slot(weekday: 1, start: "21:00")], expected: (1, 0, 0, 0)),
        Case(name: "the month boundary: the last evening of November, December generated", now: "2026-11-30 20:00",
             before: [monday], after: [Slot(weekday: 1, start: "21:00")], nextMonthGenerated: true, expected: (5, 4, 0, 0)),
        Case(name: "an archived group keeps nothing in the future but sessions with attendance (cancelled)",
             after: [monday, wednesday], attendance: ["2026-11-25 18:00"], archive: true, expected: (0, 3, 1, 0)),
        Case(name: "a session added by hand is never removed", before: [monday], after: [],
             manual: ["2026-11-23 20:00", "2026-11-24 18:00"], expected: (0, 2, 0, 0)),
        Case(name: "a slot's length and place changed: the same sessions, updated",
             before: [monday], after: [Slot(weekday: 1, start: "18:00", minutes: 60, location: "Hall B")], expected: (0, 0, 0, 2)),
        Case(name: "nothing changed: nothing to do", after: [monday, wednesday], expected: (0, 0, 0, 0)),
    ]

    @Test("re-sync", arguments: cases)
    func resync(_ testCase: Case) async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: testCase.before)
            try await database.withClient { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                let november = CalendarDate("2026-11-01")!
                _ = try await generator.generateWholeMonth(group: fixture.group, month: november)
                if testCase.nextMonthGenerated {
                    _ = try await generator.generateWholeMonth(group: fixture.group, month: CalendarDate("2026-12-01")!)
                }
                for start in testCase.attendance { try await fixture.addAttendance(at: start) }
                for start in testCase.closed { try await fixture.close(at: start) }
                for start in testCase.manual { try await fixture.addManualSession(at: start) }
                try await fixture.setSlots(testCase.after)
                if testCase.archive { try await database.run("UPDATE training_groups SET is_archived = true WHERE id = $1", [fixture.group]) }
                let before = try await fixture.sessions()

                let changes = try await generator.resync(group: fixture.group, now: TrainingFixture.moment(testCase.now))

                let after = try await fixture.sessions()
                #expect(changes.created.count == testCase.expected.created, "created")
                #expect(changes.removed.count == testCase.expected.removed, "removed")
                #expect(changes.cancelled.count == testCase.expected.cancelled, "cancelled")
                #expect(changes.updated.count == testCase.expected.updated, "updated")
                try Self.check(before: before, after: after, testCase: testCase)
                // Every change is in the audit log, in the same transaction.
                let audited: Int = try await database.value(
                    "SELECT count(*)::int FROM audit_records WHERE object_type = 'training-sessions' AND changes @> '[{\"new\": \"schedule re-sync\"}]'"
                )
                #expect(audited == testCase.expected.created + testCase.expected.removed + testCase.expected.cancelled + testCase.expected.updated)
                // A second run finds nothing left to do.
                let again = try await generator.resync(group: fixture.group, now: TrainingFixture.moment(testCase.now))
                #expect(again.isEmpty, "a second re-sync changed \(again.summary)")
            }
        }
    }

    /// The invariants of a re-sync, against the independently computed schedule.
    static func check(before: [TrainingFixture.Session], after: [TrainingFixture.Session], testCase: Case) throws {
        let now = testCase.now
        let afterByID = Dictionary(uniqueKeysWithValues: after.map { ($0.id, $0) })
        // Past, closed and manual sessions: exactly as they were.
        for session in before where session.start <= now || session.isClosed || session.origin == "manual" {
            #expect(afterByID[session.id] == session, "untouched: \(session.start)")
        }
        // Sessions with attendance are never deleted.
        for session in before where session.records > 0 {
            #expect(afterByID[session.id] != nil, "kept for its attendance: \(session.start)")
        }
        let month = CalendarDate(String(now.prefix(10)))!
        let through = (testCase.nextMonthGenerated ? month.firstOfNextMonth! : month).lastOfMonth
        let slots = testCase.archive ? [] : testCase.after
        let expected = TrainingFixture.expectedStarts(slots, after: now, through: through)
        let future = after.filter { $0.start > now && !$0.isClosed && $0.origin == "schedule" }
        let live = future.filter { $0.status != "cancelled" || $0.records == 0 }
        let onSlots = Set(live.map(\.start))
        #expect(onSlots == expected, "future sessions are those of the slots: missing \(expected.subtracting(onSlots).sorted()), extra \(onSlots.subtracting(expected).sorted())")
        for session in future where !expected.contains(session.start) {
            #expect(session.records > 0 && session.status == "cancelled", "off the schedule but kept: \(session.start)")
        }
        // On-slot sessions carry the slot's end time and place.
        for session in live {
            let slot = slots.first { "\(CalendarDate(String(session.start.prefix(10)))!.weekday)" == "\($0.weekday)" && session.start.hasSuffix($0.start) }
            if let slot {
                let startMinutes = Int(slot.start.prefix(2))! * 60 + Int(slot.start.suffix(2))!
                let end = startMinutes + slot.minutes
                #expect(session.end == String(format: "%02d:%02d", end / 60, end % 60), "end time of \(session.start)")
                #expect(session.location == slot.location, "place of \(session.start)")
            }
        }
        // Nothing is generated after the last generated month.
        #expect(!after.contains { $0.start > "\(through) 23:59" }, "nothing after \(through)")
    }

    @Test("two re-syncs of one group at once leave the same consistent result as one")
    func concurrent() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: [Self.monday, Self.wednesday])
            try await database.withClient(maxConnections: 8) { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                _ = try await generator.generateWholeMonth(group: fixture.group, month: CalendarDate("2026-11-01")!)
                _ = try await generator.generateWholeMonth(group: fixture.group, month: CalendarDate("2026-12-01")!)
                try await fixture.setSlots([Slot(weekday: 2, start: "17:00"), Slot(weekday: 4, start: "19:00")])
                let now = TrainingFixture.moment("2026-11-18 12:00")
                let runs = try await withThrowingTaskGroup(of: TrainingSessionChanges.self) { tasks in
                    for _ in 0..<6 { tasks.addTask { try await generator.resync(group: fixture.group, now: now) } }
                    return try await tasks.reduce(into: [TrainingSessionChanges]()) { $0.append($1) }
                }
                // One run did the work; the others, waiting on the group's lock, found nothing left to do.
                #expect(runs.filter { !$0.isEmpty }.count == 1)
                let total = runs.reduce(TrainingSessionChanges(), +)
                #expect(total.removed.count == 4 + 5 + 4)  // Mon 23, 30 and Wed 18, 25; December: 5 Wednesdays, 4 Mondays
                let after = try await fixture.sessions()
                let future = Set(after.filter { $0.start > "2026-11-18 12:00" }.map(\.start))
                let expected = TrainingFixture.expectedStarts(
                    [Slot(weekday: 2, start: "17:00"), Slot(weekday: 4, start: "19:00")], after: "2026-11-18 12:00",
                    through: CalendarDate("2026-12-31")!
                )
                #expect(future == expected)
                #expect(after.count == Set(after.map(\.start)).count, "no duplicates")
            }
        }
    }

    @Test("`rebuild` (--force) re-creates this month's future sessions on a slot, but keeps those with attendance")
    func rebuild() async throws {
        try await TestDatabase.with { database in
            let fixture = try await TrainingFixture.make(in: database, slots: [Self.monday])
            try await database.withClient { client in
                let generator = TrainingSessionGenerator(database: client, timeZone: TrainingFixture.zone)
                _ = try await generator.generateWholeMonth(group: fixture.group, month: CalendarDate("2026-11-01")!)
                try await database.run("UPDATE training_sessions SET status = 'cancelled', notes = 'rain' WHERE session_date = '2026-11-30'")
                try await fixture.addAttendance(at: "2026-11-23 18:00")
                let now = TrainingFixture.moment("2026-11-18 12:00")
                #expect(try await generator.resync(group: fixture.group, now: now).isEmpty, "an ordinary re-sync keeps the hand-cancelled session")
                let changes = try await generator.resync(group: fixture.group, now: now, rebuild: true)
                #expect(changes.removed.map(\.date.description) == ["2026-11-30"])
                #expect(changes.created.map(\.date.description) == ["2026-11-30"])
                let sessions = try await fixture.sessions()
                #expect(sessions.first { $0.start == "2026-11-30 18:00" }?.status == "planned")
                #expect(sessions.first { $0.start == "2026-11-23 18:00" }?.records == 1)
                #expect(sessions.filter { $0.start < "2026-11-18" }.count == 3, "the past (2nd, 9th, 16th) untouched")
            }
        }
    }
}
