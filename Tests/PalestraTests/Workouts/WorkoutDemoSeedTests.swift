import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// `palestra seed`'s demo student: a workout of every rule kind, with completed, cancelled and in-progress dates over
/// the last two months, and a sign-in that works.
@Suite("Workouts: the demo student")
struct WorkoutDemoSeedTests {
    @Test("every rule kind, and completed, cancelled and in-progress occurrences within the last two months")
    func demo() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let seed = DemoSeed(database: client, hasher: try await TestUsers.hasher(), timeZone: WorkoutFixture.timeZone)
                #expect(try await seed.load { _ in })
            }
            let rules = try await database.value(
                "SELECT string_agg(coalesce(split_part(rule, ';', 1), 'none'), ',' ORDER BY id) FROM workouts", as: String.self
            )
            #expect(Set(rules.split(separator: ",")) == ["FREQ=WEEKLY", "FREQ=DAILY", "FREQ=MONTHLY", "none"])
            #expect(try await database.value("SELECT count(*)::int FROM workouts WHERE rule LIKE '%BYMONTHDAY=-1%'", as: Int.self) == 1)
            let statuses = try await database.value(
                """
                SELECT string_agg(DISTINCT status, ',' ORDER BY status) FROM workout_occurrences
                WHERE occurrence_date >= current_date - 62
                """,
                as: String.self
            )
            #expect(statuses == "cancelled,completed,in_progress")
            #expect(try await database.value("SELECT role FROM users WHERE email = $1", [DemoSeed.workoutStudent.email], as: String.self) == "student")
        }
    }
}
