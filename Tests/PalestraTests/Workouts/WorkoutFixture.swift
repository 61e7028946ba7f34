import Foundation
@testable import Palestra
import Postgres
import TestSupport

/// Workouts made straight through the store, for tests that start from saved plans.
enum WorkoutFixture {
    static let timeZone = TimeZone(identifier: "Europe/Moscow")!

    static func today() -> CalendarDate { .today(in: timeZone) }

    static func draft(
        _ name: String = "Strength", rule: String? = "FREQ=DAILY", start: CalendarDate, excluded: Set<CalendarDate> = [],
        exercises: [WorkoutExercise] = [WorkoutExercise(name: "Squat", sets: 3, reps: 8, weightKg: 60, durationSeconds: nil, restSeconds: 90)]
    ) throws -> WorkoutDraft {
        var recurrence = WorkoutRecurrence(start: start, rule: try rule.map { try RecurrenceRule(rfc5545: $0) }, excluded: excluded)
        recurrence.start = recurrence.firstProduced ?? start
        return WorkoutDraft(name: name, activity: .strength, startsAt: TimeOfDay("18:00")!, durationMinutes: 60, recurrence: recurrence, exercises: exercises)
    }

    static func planner(_ client: PostgresClient) -> WorkoutPlanner {
        WorkoutPlanner(store: WorkoutStore(database: client), timeZone: timeZone)
    }

    /// Every occurrence row and its sets as JSON text, for "unchanged bit for bit" comparisons.
    static func snapshot(_ database: TestDatabase, status: String = "completed") async throws -> String {
        try await database.value(
            """
            SELECT coalesce(json_agg(x ORDER BY x.id)::text, '[]') FROM (
                SELECT o.*, (SELECT json_agg(s ORDER BY s.position) FROM workout_sets s WHERE s.occurrence_id = o.id) AS sets
                FROM workout_occurrences o WHERE o.status = $1
            ) x
            """,
            [status], as: String.self
        )
    }
}
