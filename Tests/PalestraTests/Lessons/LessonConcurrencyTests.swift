import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The database decides: one winner among concurrent transitions, one lesson among concurrent
/// overlapping plans, and nothing told when the change rolls back.
@Suite("Lessons: concurrency and the outbox")
struct LessonConcurrencyTests {
    @Test("100 concurrent start and cancel calls on one lesson at the version seen: exactly one wins, with one set of notifications")
    func oneWinner() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            let teacher = User(id: fixture.teacher, email: "teacher@example.org", displayName: "Tess Teacher", role: .coach, language: nil)
            let outcomes = try await database.withClient(maxConnections: 20) { client in
                let lifecycle = try LessonFixture.lifecycle(client)
                return try await withThrowingTaskGroup(of: LessonTransitionOutcome?.self) { group in
                    for index in 0..<100 {
                        group.addTask {
                            try await lifecycle.apply(index.isMultiple(of: 2) ? .start : .cancel, to: fixture.lesson, version: 1, reason: "Clash \(index)", by: teacher)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(outcomes.count { $0 == .done(nil) } == 1)
            #expect(outcomes.allSatisfy { $0 != nil })
            let state = try await fixture.state()
            #expect(state == "in_progress v2" || state == "cancelled v2")
            #expect(try await fixture.count("SELECT count(*)::int FROM lesson_events WHERE lesson_id = $1 AND kind <> 'created'", [fixture.lesson]) == 1)
            // Created (2) and the one transition (2); each with its delivery job.
            #expect(try await fixture.notifications().count == 4)
            #expect(try await fixture.count("SELECT count(*)::int FROM jobs WHERE kind = 'DeliverNotification'") == 4)
        }
    }

    @Test("200 concurrent overlapping plans for one teacher: one lesson; the others name it")
    func oneLessonPerTeacherAtATime() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            let start = Date().addingTimeInterval(3 * 86400)
            let outcomes = try await database.withClient(maxConnections: 20) { client in
                let lifecycle = try LessonFixture.lifecycle(client)
                let admin = User(id: fixture.admin, email: "admin@example.org", displayName: "Ada Admin", role: .admin, language: nil)
                return try await withThrowingTaskGroup(of: LessonSaveOutcome.self) { group in
                    for index in 0..<200 {
                        group.addTask {
                            var draft = LessonDraft()
                            draft.title = "Overlap \(index)"
                            draft.teacherID = String(fixture.teacher)
                            let from = start.addingTimeInterval(TimeInterval(index % 30) * 60)
                            draft.startsAt = LessonFixture.rfc3339(from)
                            draft.endsAt = LessonFixture.rfc3339(from.addingTimeInterval(3600))
                            draft.studentIDs = [String(fixture.students[0])]
                            return try await lifecycle.create(draft, by: admin)
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            let saved = outcomes.compactMap { if case .saved(let id) = $0 { id } else { nil } }
            #expect(saved.count == 1)
            let winner: String = try await database.value("SELECT title FROM lessons WHERE id = $1", [saved[0]])
            for outcome in outcomes {
                if case .conflict(let conflict) = outcome { #expect(conflict.id == saved[0] && conflict.title == winner && !conflict.isRoom) }
            }
            #expect(outcomes.count { if case .conflict = $0 { true } else { false } } == 199)
            #expect(try await fixture.count("SELECT count(*)::int FROM lessons WHERE title LIKE 'Overlap %'") == 1)
            // Only the winner told its student.
            #expect(try await fixture.notifications(saved[0]).count == 1)
        }
    }

    @Test("a transition rolled back tells no one; back-to-back lessons are allowed, one crossing midnight into another is not, a cancelled one frees its time")
    func rollbackAndRanges() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            let teacher = User(id: fixture.teacher, email: "teacher@example.org", displayName: "Tess Teacher", role: .coach, language: nil)
            let before = try await fixture.count("SELECT count(*)::int FROM notifications")
            let jobs = try await fixture.count("SELECT count(*)::int FROM jobs")
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await database.withClient { client in
                    let notices = try LessonFixture.lifecycle(client).notices
                    try await client.transaction { connection in
                        let change = try await LessonStore.apply(.start, to: fixture.lesson, version: 1, actor: teacher, reason: nil, on: connection)
                        #expect(change != nil)
                        let event = try await LessonStore.recordEvent(lesson: fixture.lesson, kind: .started, from: .scheduled, to: .inProgress, actor: teacher, reason: nil, on: connection)
                        try await notices.tell(fixture.students, about: .transition(.start, reason: nil), lesson: fixture.lesson, event: event, on: connection)
                        throw Abort()
                    }
                }
            }
            #expect(try await fixture.state() == "scheduled v1")
            #expect(try await fixture.count("SELECT count(*)::int FROM notifications") == before)
            #expect(try await fixture.count("SELECT count(*)::int FROM jobs") == jobs)

            // Ranges: a lesson tomorrow 23:00–01:00 (crossing midnight); one 01:00–02:00 right after is fine; one 00:30 collides.
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = LessonFixture.zone
            let tomorrow = calendar.startOfDay(for: Date().addingTimeInterval(86400 * 2))
            let late = tomorrow.addingTimeInterval(23 * 3600)
            let night = try await fixture.plan("Night", at: late, length: 120, room: fixture.room)
            _ = try await fixture.plan("After", at: late.addingTimeInterval(7200), length: 60, room: fixture.room)
            _ = try await fixture.plan("Before", at: late.addingTimeInterval(-3600), length: 60, room: fixture.room)
            await #expect(throws: LessonFixtureError.self) { _ = try await fixture.plan("Clash", at: late.addingTimeInterval(5400), length: 60) }
            // The room alone collides too, for another teacher.
            await #expect(throws: LessonFixtureError.self) {
                _ = try await fixture.plan("Room clash", at: late.addingTimeInterval(1800), length: 30, room: fixture.room, teacher: fixture.otherCoach)
            }
            try await database.run("UPDATE lessons SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'x' WHERE id = $1", [night])
            _ = try await fixture.plan("Instead", at: late.addingTimeInterval(1800), length: 30, room: fixture.room, teacher: fixture.otherCoach)
        }
    }

    @Test("the periodic job completes lessons in progress 12 hours after their end, as the system, students told; others stay")
    func completeOverdue() async throws {
        try await TestDatabase.with { database in
            let fixture = try await LessonFixture.make(in: database)
            let overdue = try await fixture.plan("Overdue", startsIn: -14 * 60, length: 60, students: fixture.students)
            let recent = try await fixture.plan("Recent", startsIn: -5 * 60, length: 60, students: fixture.students)
            try await database.run("UPDATE lessons SET status = 'in_progress', started_at = starts_at WHERE id = ANY($1)", [[overdue, recent]])
            let completed = try await database.withClient { client in try await LessonFixture.lifecycle(client).completeOverdue() }
            #expect(completed == 1)
            #expect(try await fixture.state(overdue) == "completed v2")
            #expect(try await fixture.state(recent) == "in_progress v1")
            let event: String = try await database.value(
                "SELECT kind || ' ' || coalesce(actor_label, 'system') FROM lesson_events WHERE lesson_id = $1 ORDER BY id DESC LIMIT 1", [overdue]
            )
            #expect(event == "completed system")
            #expect(try await LessonTransitionTests.audit(of: overdue, in: database) == ["system change status:in_progress>completed"])
            #expect(try await LessonTransitionTests.audit(of: recent, in: database).isEmpty)
            #expect(try await fixture.notifications(overdue).filter { $0.hasPrefix("lesson.completed") }.count == 2)
            #expect(try await database.withClient { client in try await LessonFixture.lifecycle(client).completeOverdue() } == 0)
        }
    }
}
