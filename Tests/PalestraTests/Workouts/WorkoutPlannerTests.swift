import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The occurrence model (issue 18): Start is idempotent under real concurrency, Complete ends one occurrence,
/// the edit scopes never rewrite started, completed or past occurrences, deletion keeps the history.
@Suite("Workouts: starting, completing, editing in scopes and deleting")
struct WorkoutPlannerTests {
    /// A daily workout that began `daysAgo` days ago (its plan `plan`, else the fixture's Squat), owned by a new student;
    /// its id, the owner's access and the planner.
    static func daily(
        _ database: TestDatabase, _ client: PostgresClient, daysAgo: Int = 10, rule: String = "FREQ=DAILY", plan: [WorkoutExercise]? = nil
    ) async throws -> (Int, WorkoutAccess, WorkoutPlanner) {
        let owner = try await TestUsers.create("runner@example.org", role: .student, in: database)
        let planner = WorkoutFixture.planner(client)
        let start = WorkoutFixture.today().adding(days: -daysAgo)!
        var draft = try WorkoutFixture.draft(rule: rule, start: start)
        if let plan { draft.exercises = plan }
        let id = try await planner.store.create(draft, owner: owner)
        return (id, WorkoutAccess(userID: owner, seesEveryone: false), planner)
    }

    static func complete(_ planner: WorkoutPlanner, _ workout: Int, _ date: CalendarDate, _ access: WorkoutAccess) async throws {
        guard case .started(let id) = try await planner.start(workout: workout, on: date, access: access),
              let child = try await planner.occurrences.occurrence(id: id, access: access)
        else { Issue.record("could not start \(date)"); return }
        let outcome = try await planner.track(
            occurrence: id, WorkoutTracking(sets: child.sets, notes: "done", rating: 4, difficulty: 7), version: child.version,
            complete: true, access: access
        )
        #expect(outcome == .completed)
    }

    @Test("200 concurrent Start clicks on one date give one child with one copy of the plan")
    func concurrentStarts() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 20) { client in
                let (id, access, planner) = try await Self.daily(database, client)
                let today = WorkoutFixture.today()
                let outcomes = try await withThrowingTaskGroup(of: WorkoutPlanner.StartOutcome.self) { group in
                    for _ in 0..<200 { group.addTask { try await planner.start(workout: id, on: today, access: access) } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(Set(outcomes).count == 1, "every click opens the same child")
                #expect(try await database.value("SELECT count(*)::int FROM workout_occurrences", as: Int.self) == 1)
                #expect(try await database.value("SELECT count(*)::int FROM workout_sets", as: Int.self) == 3, "3 sets of Squat, copied once")
                #expect(try await database.value("SELECT status FROM workout_occurrences", as: String.self) == "in_progress")
            }
        }
    }

    @Test("Start: today and the past yes, the future no, a date the rule does not produce and someone else's workout 404")
    func startRules() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client, rule: "FREQ=DAILY;INTERVAL=2")
                let today = WorkoutFixture.today()
                let start = today.adding(days: -10)!
                #expect(try await planner.start(workout: id, on: start.adding(days: 2)!, access: access) != .notFound)
                #expect(try await planner.start(workout: id, on: start.adding(days: 1)!, access: access) == .notFound)
                #expect(try await planner.start(workout: id, on: today.adding(days: 2)!, access: access) == .future)
                let stranger = WorkoutAccess(userID: try await TestUsers.create("other@example.org", role: .student, in: database), seesEveryone: false)
                #expect(try await planner.start(workout: id, on: start, access: stranger) == .notFound)
                #expect(try await database.value("SELECT count(*)::int FROM workout_occurrences", as: Int.self) == 1)
            }
        }
    }

    @Test("Complete ends only that occurrence; the others stay planned in the calendar")
    func completeOne() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client, daysAgo: 3)
                let today = WorkoutFixture.today()
                try await Self.complete(planner, id, today.adding(days: -1)!, access)
                let workouts = try await planner.store.workouts(access: access)
                let children = try await planner.occurrences.marks(access: access, from: today.adding(days: -3)!, through: today.adding(days: 2)!)
                let agenda = WorkoutAgenda(workouts: workouts, children: children, from: today.adding(days: -3)!, through: today.adding(days: 2)!, today: today)
                #expect(agenda.entries.map(\.state) == [.missed, .missed, .completed, .planned, .planned, .planned])
                let first = try #require(children.first)
                let completed = try #require(try await planner.occurrences.occurrence(id: first.id, access: access))
                #expect(completed.durationSeconds != nil && completed.endedAt != nil && completed.notes == "done")
            }
        }
    }

    @Test("edit 'all' of a series with a past: the past and completed rows stay bit for bit, a new series starts today")
    func editAll() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client, daysAgo: 5)
                let today = WorkoutFixture.today()
                try await Self.complete(planner, id, today.adding(days: -2)!, access)
                let before = try await WorkoutFixture.snapshot(database)
                let old = try #require(try await planner.store.workout(id: id, access: access))
                var draft = try WorkoutFixture.draft("Heavier", rule: "FREQ=WEEKLY;BYDAY=MO,TH", start: old.recurrence.start)
                draft.exercises[0].weightKg = 80
                let outcome = try await planner.edit(workout: id, with: draft, scope: .all, date: nil, version: old.version, access: access)
                guard case .saved(let newID) = outcome else { Issue.record("\(outcome)"); return }
                #expect(newID != id)
                #expect(try await WorkoutFixture.snapshot(database) == before, "completed occurrences unchanged bit for bit")
                let ended = try #require(try await planner.store.workout(id: id, access: access))
                #expect(ended.recurrence.rule?.end == .until(today.adding(days: -1)!))
                #expect(ended.name == "Strength" && ended.recurrence.occurrences(from: old.recurrence.start, through: today.adding(days: 30)!).count == 5)
                let next = try #require(try await planner.store.workout(id: newID, access: access))
                #expect(next.name == "Heavier" && next.recurrence.start >= today && next.continuesID == id)
                #expect(try await planner.edit(workout: id, with: draft, scope: .all, date: nil, version: old.version, access: access) == .stale)
            }
        }
    }

    @Test("edit 'this and following' on a COUNT series: the old one ends the day before, the new one gets the count left")
    func editFollowingCount() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client, daysAgo: 4, rule: "FREQ=DAILY;COUNT=10")
                let today = WorkoutFixture.today()
                try await Self.complete(planner, id, today.adding(days: -4)!, access)
                let before = try await WorkoutFixture.snapshot(database)
                let split = today.adding(days: 2)!
                // A cancelled date after the split goes with the new series (it still produces it).
                #expect(try await planner.cancel(workout: id, on: today.adding(days: 3)!, access: access))
                let old = try #require(try await planner.store.workout(id: id, access: access))
                let draft = try WorkoutFixture.draft("Later", rule: "FREQ=DAILY;COUNT=10", start: split)
                guard case .saved(let newID) = try await planner.edit(
                    workout: id, with: draft, scope: .following, date: split, version: old.version, access: access
                ) else { Issue.record("not saved"); return }
                let next = try #require(try await planner.store.workout(id: newID, access: access))
                #expect(next.recurrence.rule?.end == .count(4), "10 − 6 produced before the split")
                #expect(next.recurrence.start == split)
                #expect(try await planner.store.workout(id: id, access: access)?.recurrence.rule?.end == .until(split.adding(days: -1)!))
                #expect(try await database.value("SELECT workout_id::int FROM workout_occurrences WHERE status = 'cancelled'", as: Int.self) == newID)
                #expect(try await WorkoutFixture.snapshot(database) == before)
            }
        }
    }

    @Test("an edit moves every planned or cancelled row the new rule produces to the new series and drops the others; in place too")
    func movesAndDrops() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client)
                let today = WorkoutFixture.today()
                func day(_ offset: Int) -> CalendarDate { today.adding(days: offset)! }
                for offset in 1...5 { #expect(try await planner.cancel(workout: id, on: day(offset), access: access)) }
                let everyOther = try WorkoutFixture.draft("Every other day", rule: "FREQ=DAILY;INTERVAL=2", start: day(2))
                guard case .saved(let newID) = try await planner.edit(
                    workout: id, with: everyOther, scope: .following, date: day(2), version: 1, access: access
                ) else { Issue.record("not saved"); return }
                let rows = "SELECT array_agg(workout_id || ' ' || occurrence_date ORDER BY occurrence_date) FROM workout_occurrences"
                #expect(try await database.value(rows, as: [String].self) == ["\(id) \(day(1))", "\(newID) \(day(2))", "\(newID) \(day(4))"])

                // The new series has no past: edited as a whole it is replaced in place, and its rows the rule drops go.
                let everyFourth = try WorkoutFixture.draft("Every fourth day", rule: "FREQ=DAILY;INTERVAL=4", start: day(2))
                #expect(try await planner.edit(workout: newID, with: everyFourth, scope: .all, date: nil, version: 1, access: access) == .saved(workout: newID))
                #expect(try await database.value(rows, as: [String].self) == ["\(id) \(day(1))", "\(newID) \(day(2))"])
            }
        }
    }

    @Test("edit 'this date': the child gets its own plan, the series is unchanged; a started date refuses")
    func editThis() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client)
                let today = WorkoutFixture.today()
                let old = try #require(try await planner.store.workout(id: id, access: access))
                var draft = try WorkoutFixture.draft("Light day", start: old.recurrence.start)
                draft.exercises = [WorkoutExercise(name: "Walk", sets: 1, reps: nil, weightKg: nil, durationSeconds: 1200, restSeconds: 0)]
                let tomorrow = today.adding(days: 1)!
                #expect(try await planner.edit(workout: id, with: draft, scope: .this, date: tomorrow, version: old.version, access: access) == .saved(workout: id))
                #expect(try await database.value("SELECT name FROM workout_occurrences WHERE occurrence_date = $1", [tomorrow], as: String.self) == "Light day")
                #expect(try await database.value("SELECT exercise FROM workout_sets", as: String.self) == "Walk")
                #expect(try await planner.store.workout(id: id, access: access)?.name == "Strength")
                _ = try await planner.start(workout: id, on: today, access: access)
                #expect(try await planner.edit(workout: id, with: draft, scope: .this, date: today, version: old.version, access: access) == .started)
            }
        }
    }

    @Test("deleting a recurrence keeps completed occurrences (the workout archived) and removes planned and cancelled ones")
    func deletion() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client)
                let today = WorkoutFixture.today()
                try await Self.complete(planner, id, today.adding(days: -3)!, access)
                #expect(try await planner.cancel(workout: id, on: today.adding(days: 2)!, access: access))
                let before = try await WorkoutFixture.snapshot(database)
                #expect(try await planner.delete(workout: id, access: access) == .archived)
                #expect(try await database.value("SELECT is_archived FROM workouts", as: Bool.self))
                #expect(try await database.value("SELECT count(*)::int FROM workout_occurrences", as: Int.self) == 1)
                #expect(try await WorkoutFixture.snapshot(database) == before)
                let oneOff = try await planner.store.create(try WorkoutFixture.draft("Once", rule: nil, start: today), owner: access.userID)
                #expect(try await planner.delete(workout: oneOff, access: access) == .deleted)
                #expect(try await database.value("SELECT count(*)::int FROM workouts", as: Int.self) == 1)
                #expect(try await planner.delete(workout: id, access: WorkoutAccess(userID: 0, seesEveryone: false)) == .notFound)
            }
        }
    }

    @Test("adherence and streak: completed ÷ due, and the run of completed due dates back from the latest")
    func adherence() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client, daysAgo: 5)
                let today = WorkoutFixture.today()
                for back in [5, 2, 1] { try await Self.complete(planner, id, today.adding(days: -back)!, access) }
                #expect(try await planner.cancel(workout: id, on: today.adding(days: -3)!, access: access))
                let workout = try #require(try await planner.store.workout(id: id, access: access))
                let outcomes = try await WorkoutOccurrenceStore.outcomes(ofWorkouts: [id], on: client)
                let record = WorkoutAdherence(workout: workout, outcomes: outcomes, today: today)
                #expect(record.due == 4, "days −5, −4, −2, −1; −3 cancelled, today not yet due")
                #expect(record.completed == 3 && record.percent == 75 && record.streak == 2 && record.next == today)
            }
        }
    }

    @Test("a new start prefills each set from the last completed time that exercise's set was done")
    func prefillFromLastTime() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await Self.daily(database, client, daysAgo: 3)
                let today = WorkoutFixture.today()
                guard case .started(let first) = try await planner.start(workout: id, on: today.adding(days: -2)!, access: access),
                      let child = try await planner.occurrences.occurrence(id: first, access: access)
                else { Issue.record("not started"); return }
                #expect(child.sets.map(\.weightKg) == [60, 60, 60], "from the plan the first time")
                var sets = child.sets
                sets[1].weightKg = 72.5
                #expect(try await planner.track(occurrence: first, WorkoutTracking(sets: sets, notes: "", rating: nil, difficulty: nil),
                                                version: child.version, complete: true, access: access) == .completed)
                guard case .started(let second) = try await planner.start(workout: id, on: today, access: access) else { return }
                #expect(try await planner.occurrences.occurrence(id: second, access: access)?.sets.map(\.weightKg) == [60, 72.5, 60])
            }
        }
    }
}
