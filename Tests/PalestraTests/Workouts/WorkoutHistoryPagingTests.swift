import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The history 20 occurrences a page, and its totals per exercise read from the daily totals the database keeps
/// (`workout_exercise_days`, by triggers): always equal to the sets of the completed occurrences.
@Suite("Workouts: the history's pages and totals")
struct WorkoutHistoryPagingTests {
    /// Per exercise: sets, reps, volume — from the kept daily totals, and recomputed from the sets themselves.
    static let kept = """
        SELECT coalesce(string_agg(concat_ws(' ', exercise, s, r, v), '; ' ORDER BY exercise), '') FROM (
            SELECT exercise, sum(sets) AS s, sum(reps) AS r, sum(volume)::numeric(12, 2) AS v FROM workout_exercise_days
            GROUP BY exercise HAVING sum(sets) > 0) t
        """
    static let recomputed = """
        SELECT coalesce(string_agg(concat_ws(' ', exercise, s, r, v), '; ' ORDER BY exercise), '') FROM (
            SELECT x.exercise, count(*) AS s, sum(x.reps) AS r, sum(x.reps * x.weight_kg)::numeric(12, 2) AS v
            FROM workout_sets x JOIN workout_occurrences o ON o.id = x.occurrence_id AND o.status = 'completed'
            GROUP BY x.exercise) t
        """

    @Test("23 completed: page 1 shows 20 and says so, page 2 the last 3, a page too far the last; totals follow every change of the sets")
    func pagesAndTotals() async throws {
        try await WorkoutPagesTests.withStudent { client, database, browser, owner in
            let today = WorkoutFixture.today()
            try await database.withClient { client in
                let planner = WorkoutFixture.planner(client)
                let id = try await planner.store.create(try WorkoutFixture.draft("Leg day", start: today.adding(days: -23)!), owner: owner)
                let access = WorkoutAccess(userID: owner, seesEveryone: false)
                for back in 1...23 { try await WorkoutPlannerTests.complete(planner, id, today.adding(days: -back)!, access) }
            }
            let first = try await browser.get(WorkoutURL.history.path)
            #expect(first.status == .ok)
            #expect(first.text.components(separatedBy: "<h3><a href=").count - 1 == 20)
            #expect(first.text.contains("1–20 of 23, newest first; the CSV has them all."))
            #expect(first.text.contains("rel=\"next\""))
            #expect(first.text.contains("<th scope=\"row\">Squat</th><td>69</td><td>552</td><td>33120</td>"), "69 sets × 8 reps × 60 kg")
            let second = try await browser.get(WorkoutURL.history.path + "?p=2")
            #expect(second.text.components(separatedBy: "<h3><a href=").count - 1 == 3)
            #expect(second.text.contains("21–23 of 23") && second.text.contains("rel=\"prev\""))
            for bad in ["?p=99", "?p=abc", "?p=-1"] {
                let page = try await browser.get(WorkoutURL.history.path + bad)
                #expect(page.status == .ok)
            }
            #expect(try await browser.get(WorkoutURL.history.path + "?p=99").text.contains("21–23 of 23"))
            let csv = try await browser.get(WorkoutURL.historyCSV.path)
            #expect(csv.text.components(separatedBy: "\r\n").count - 2 == 69, "the CSV has every set, not a page")

            #expect(try await database.value(Self.kept, as: String.self) == "Squat 69 552 33120.00")
            try await database.run("UPDATE workout_sets SET reps = 10, exercise = 'Front squat' WHERE position = 1")
            try await database.run("DELETE FROM workout_occurrences WHERE occurrence_date = $1", [today.adding(days: -1)!])
            try await database.run("UPDATE workout_occurrences SET status = 'in_progress' WHERE occurrence_date = $1", [today.adding(days: -2)!])
            try await database.run("UPDATE workout_occurrences SET occurrence_date = occurrence_date - 100 WHERE occurrence_date = $1", [today.adding(days: -3)!])
            #expect(try await database.value(Self.kept, as: String.self) == database.value(Self.recomputed, as: String.self))
            #expect(try await database.value(Self.kept, as: String.self) == "Front squat 21 210 12600.00; Squat 42 336 20160.00")
            let after = try await browser.get(WorkoutURL.history.path)
            #expect(after.text.contains("<th scope=\"row\">Front squat</th><td>20</td><td>200</td><td>12000</td>"), "the day moved 100 days back is outside the period")
        }
    }

    @Test("an administrator's history counts everyone's completed occurrences, a user's only their own, a workout filter only that workout's")
    func scopes() async throws {
        try await TestApp.test { client, database in
            var student = try await WorkoutPagesTests.student(client, database)
            try await TestUsers.create("coach@example.org", role: .coach, name: "Cora Coach", in: database)
            try await TestUsers.create("admin@example.org", role: .admin, name: "Ada Admin", in: database)
            let today = WorkoutFixture.today()
            var ids: [String: Int] = [:]
            try await database.withClient { client in
                let planner = WorkoutFixture.planner(client)
                for (email, days) in [("student@example.org", 3), ("coach@example.org", 5)] {
                    let owner: Int = try await database.value("SELECT id::int FROM users WHERE email = $1", [email], as: Int.self)
                    let id = try await planner.store.create(try WorkoutFixture.draft("Leg day", start: today.adding(days: -days)!), owner: owner)
                    let access = WorkoutAccess(userID: owner, seesEveryone: false)
                    for back in 1...days { try await WorkoutPlannerTests.complete(planner, id, today.adding(days: -back)!, access) }
                    ids[email] = id
                }
            }
            #expect(Self.shown(try await student.get(WorkoutURL.history.path)) == 3)
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            #expect(Self.shown(try await admin.get(WorkoutURL.history.path)) == 8, "3 + 5, with no workout chosen")
            let coachs = try #require(ids["coach@example.org"])
            #expect(Self.shown(try await admin.get(WorkoutURL.history.path + "?workout=\(coachs)")) == 5)
            let studentsWorkout = try #require(ids["student@example.org"])
            let someoneElses = try await student.get(WorkoutURL.history.path + "?workout=\(coachs)")
            #expect(Self.shown(someoneElses) == 0 && someoneElses.text.contains("No completed workouts in this period."), "nothing of another user's")
            #expect(Self.shown(try await student.get(WorkoutURL.history.path + "?workout=\(studentsWorkout)")) == 3)
        }
    }

    /// The completed occurrences a history page lists.
    static func shown(_ page: TestResponse) -> Int { page.text.components(separatedBy: "<h3><a href=").count - 1 }
}
