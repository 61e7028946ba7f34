import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// What a plan and a tracked occurrence store, read back from the database: every exercise and set in its place with
/// its own figures, NULLs kept NULL, whatever the number of rows written at once.
@Suite("Workouts: saving plans and tracked sets")
struct WorkoutSavingTests {
    /// Squat with weight, Plank held for a time (no reps, no weight), Bench press: 3 + 2 + 4 sets.
    static let plan = [
        WorkoutExercise(name: "Squat", sets: 3, reps: 8, weightKg: 62.5, durationSeconds: nil, restSeconds: 90),
        WorkoutExercise(name: "Plank", sets: 2, reps: nil, weightKg: nil, durationSeconds: 60, restSeconds: 30),
        WorkoutExercise(name: "Bench press", sets: 4, reps: 5, weightKg: 80, durationSeconds: nil, restSeconds: 120),
    ]

    /// The workout's plan as `position name sets reps weight duration rest`, by position (NULL spelt out).
    static func exercises(_ database: TestDatabase, _ workout: Int) async throws -> [String] {
        try await database.value(
            """
            SELECT array_agg(concat_ws(' ', position, name, sets, coalesce(reps::text, 'NULL'), coalesce(weight_kg::text, 'NULL'),
                                       coalesce(duration_seconds::text, 'NULL'), rest_seconds) ORDER BY position)
            FROM workout_exercises WHERE workout_id = $1
            """,
            [workout], as: [String].self
        )
    }

    /// The occurrence's sets as `position exercise set reps weight duration`, by position (NULL spelt out).
    static func sets(_ database: TestDatabase, _ occurrence: Int) async throws -> [String] {
        try await database.value(
            """
            SELECT array_agg(concat_ws(' ', position, exercise, set_number, coalesce(reps::text, 'NULL'), coalesce(weight_kg::text, 'NULL'),
                                       coalesce(duration_seconds::text, 'NULL')) ORDER BY position)
            FROM workout_sets WHERE occurrence_id = $1
            """,
            [occurrence], as: [String].self
        )
    }

    @Test("a plan's exercises and a tracked set bind as JSON with the keys the statements' recordsets name")
    func boundKeys() throws {
        // `jsonb_to_recordset` reads a missing key as NULL without a word: a renamed property would lose its column.
        func keys(_ value: some Encodable) throws -> Set<String> {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            return Set(try #require(try JSONSerialization.jsonObject(with: try encoder.encode(value)) as? [String: Any]).keys)
        }
        let exercise = WorkoutExercise(name: "Row", sets: 3, reps: 10, weightKg: 40, durationSeconds: 30, restSeconds: 60)
        #expect(try keys(exercise) == ["name", "sets", "reps", "weight_kg", "duration_seconds", "rest_seconds"])
        #expect(WorkoutStore.exerciseRows(parameter: "$1").contains("name text, sets int, reps int, weight_kg float8, duration_seconds int, rest_seconds int"))
        let set = WorkoutSet(position: 1, exercise: "Row", setNumber: 1, reps: 10, weightKg: 40, durationSeconds: 30)
        #expect(try keys(set).isSuperset(of: ["position", "reps", "weight_kg", "duration_seconds"]))
    }

    @Test("the history's page reads each completed occurrence with its own sets in the same round trip, and none where it has none")
    func historyPageSets() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await WorkoutPlannerTests.daily(database, client, daysAgo: 3, plan: Self.plan)
                let today = WorkoutFixture.today()
                for days in [3, 2, 1] { try await WorkoutPlannerTests.complete(planner, id, today.adding(days: -days)!, access) }
                let emptied: Int = try await database.value(
                    "SELECT id::int FROM workout_occurrences WHERE workout_id = $1 AND occurrence_date = $2::date", [id, today.adding(days: -2)!], as: Int.self
                )
                try await database.run("DELETE FROM workout_sets WHERE occurrence_id = $1", [emptied])
                let store = WorkoutHistoryStore(database: client)
                let filter = WorkoutHistoryStore.Filter(workout: nil, from: today.adding(days: -30)!, through: today)
                let page = try await store.page(access: access, filter: filter, limit: 20, offset: 0, alongside: WorkoutStore.choicesStatement(access: access))
                #expect(page.entries.map(\.date) == [1, 2, 3].map { today.adding(days: -$0)! }, "newest first")
                #expect(page.entries.map(\.sets.count) == [9, 0, 9])
                for entry in page.entries {
                    // As `sets(_:_:)` spells the stored rows: `position exercise set reps weight duration`, NULL spelt out.
                    let read = entry.sets.map { set in
                        [String(set.position), set.exercise, String(set.setNumber), set.reps.map(String.init) ?? "NULL",
                         set.weightKg.map { String(format: "%.2f", $0) } ?? "NULL", set.durationSeconds.map(String.init) ?? "NULL"].joined(separator: " ")
                    }
                    // (`sets(_:_:)` reads NULL for an occurrence without sets; the counts above cover that one.)
                    let stored = entry.sets.isEmpty ? [] : try await Self.sets(database, entry.id)
                    #expect(read == stored, "occurrence \(entry.id)")
                }
                #expect(page.count == 3)
                #expect(try await WorkoutOccurrenceStore.sets(of: [emptied, page.entries[0].id], on: client).keys.sorted() == [page.entries[0].id])
            }
        }
    }

    @Test("a plan of several exercises is stored in its order with its own figures; an edit stores the new order")
    func planInOrder() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await WorkoutPlannerTests.daily(database, client, daysAgo: 0, plan: Self.plan)
                let today = WorkoutFixture.today()
                #expect(try await Self.exercises(database, id) == [
                    "1 Squat 3 8 62.50 NULL 90", "2 Plank 2 NULL NULL 60 30", "3 Bench press 4 5 80.00 NULL 120",
                ])
                #expect(try await planner.store.workout(id: id, access: access)?.exercises == Self.plan)

                let reordered = [Self.plan[2], Self.plan[0]]
                let edited = try await planner.edit(
                    workout: id, with: try WorkoutFixture.draft(start: today, exercises: reordered), scope: .all, date: nil, version: 1, access: access
                )
                #expect(edited == .saved(workout: id))
                #expect(try await Self.exercises(database, id) == ["1 Bench press 4 5 80.00 NULL 120", "2 Squat 3 8 62.50 NULL 90"])
            }
        }
    }

    @Test("a date's own plan ('this date') becomes its sets: every set of every exercise, numbered in order, figures copied")
    func datePlanSets() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await WorkoutPlannerTests.daily(database, client)
                let tomorrow = WorkoutFixture.today().adding(days: 1)!
                let draft = try WorkoutFixture.draft(start: tomorrow, exercises: Self.plan)
                #expect(try await planner.edit(workout: id, with: draft, scope: .this, date: tomorrow, version: 1, access: access) == .saved(workout: id))
                let child = try #require(try await WorkoutOccurrenceStore.occurrenceID(workout: id, date: tomorrow, on: client))
                #expect(try await Self.sets(database, child) == [
                    "1 Squat 1 8 62.50 NULL", "2 Squat 2 8 62.50 NULL", "3 Squat 3 8 62.50 NULL",
                    "4 Plank 1 NULL NULL 60", "5 Plank 2 NULL NULL 60",
                    "6 Bench press 1 5 80.00 NULL", "7 Bench press 2 5 80.00 NULL", "8 Bench press 3 5 80.00 NULL", "9 Bench press 4 5 80.00 NULL",
                ])
            }
        }
    }

    @Test("saving a tracked occurrence stores every set's reps, weight and duration at once, keeps NULLs NULL, ignores unknown positions")
    func trackedSets() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let (id, access, planner) = try await WorkoutPlannerTests.daily(database, client, daysAgo: 0, plan: Self.plan)
                let today = WorkoutFixture.today()
                guard case .started(let occurrence) = try await planner.start(workout: id, on: today, access: access),
                      let child = try await planner.occurrences.occurrence(id: occurrence, access: access)
                else { Issue.record("not started"); return }
                var sets = child.sets
                #expect(sets.count == 9)
                sets[0].reps = 10
                sets[0].weightKg = 70.25
                sets[1].weightKg = nil
                sets[2].reps = 0
                sets[3].durationSeconds = 75
                sets[4].reps = 12
                sets[4].durationSeconds = nil
                sets[8].weightKg = 82.5
                sets.append(WorkoutSet(position: 99, exercise: "Ghost", setNumber: 1, reps: 1, weightKg: 1, durationSeconds: 1))
                let tracking = WorkoutTracking(sets: sets, notes: "ok", rating: 4, difficulty: 6)
                #expect(try await planner.track(occurrence: occurrence, tracking, version: child.version, complete: false, access: access) == .saved)
                #expect(try await Self.sets(database, occurrence) == [
                    "1 Squat 1 10 70.25 NULL", "2 Squat 2 8 NULL NULL", "3 Squat 3 0 62.50 NULL",
                    "4 Plank 1 NULL NULL 75", "5 Plank 2 12 NULL NULL",
                    "6 Bench press 1 5 80.00 NULL", "7 Bench press 2 5 80.00 NULL", "8 Bench press 3 5 80.00 NULL", "9 Bench press 4 5 82.50 NULL",
                ])
                #expect(try await database.value("SELECT version FROM workout_occurrences WHERE id = $1", [occurrence], as: Int.self) == child.version + 1)
                // A stale version changes no set.
                var late = sets
                late[0].reps = 1
                #expect(try await planner.track(
                    occurrence: occurrence, WorkoutTracking(sets: late, notes: "", rating: nil, difficulty: nil), version: child.version,
                    complete: false, access: access
                ) == .stale)
                #expect(try await Self.sets(database, occurrence).first == "1 Squat 1 10 70.25 NULL")
            }
        }
    }
}
