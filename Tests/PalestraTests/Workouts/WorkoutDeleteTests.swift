import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Deleting a workout asks first, on its own page: what stays (completed and started dates) and what goes (planned
/// dates from today on, edited or cancelled ones), with counts. Only the POST deletes.
@Suite("Workouts: deleting asks first")
struct WorkoutDeleteTests {
    @Test("the list's Delete… opens a page with what is kept and removed; it changes nothing; its button deletes; others get 404")
    func confirmation() async throws {
        try await WorkoutPagesTests.withStudent { client, database, browser, owner in
            let today = WorkoutFixture.today()
            let access = WorkoutAccess(userID: owner, seesEveryone: false)
            let (id, open) = try await database.withClient { client in
                let planner = WorkoutFixture.planner(client)
                let id = try await planner.store.create(try WorkoutFixture.draft("Leg day", rule: "FREQ=DAILY;COUNT=10", start: today.adding(days: -4)!), owner: owner)
                for back in [4, 2] { try await WorkoutPlannerTests.complete(planner, id, today.adding(days: -back)!, access) }
                #expect(try await planner.cancel(workout: id, on: today.adding(days: 1)!, access: access))
                let open = try await planner.store.create(try WorkoutFixture.draft("Stretch", start: today), owner: owner)
                return (id, open)
            }
            let list = try await browser.get(WorkoutURL.list.path)
            #expect(list.text.contains("<a href=\"\(WorkoutURL.delete(.value(id)).path)\" class=\"button button--danger button--small\">Delete…</a>"))
            let before = try await WorkoutFixture.snapshot(database, status: "cancelled")
            let page = try await browser.get(WorkoutURL.delete(.value(id)).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("Delete this workout?") && page.text.contains("Leg day"))
            #expect(page.text.contains("2 completed or started dates stay in the history."))
            // Today through the tenth date (today + 5), less the cancelled one (counted below).
            #expect(page.text.contains("5 planned dates from today on are removed from the calendar."))
            #expect(page.text.contains("1 edited or cancelled date is removed too."))
            #expect(try await WorkoutFixture.snapshot(database, status: "cancelled") == before, "the page changes nothing")
            #expect(try await database.value("SELECT count(*)::int FROM workouts WHERE NOT is_archived", as: Int.self) == 2)
            let russian = try await browser.get(WorkoutURL.delete(.value(id)).path, headers: [.acceptLanguage: "ru"])
            #expect(russian.text.contains("Удалить эту тренировку?") && russian.text.contains("2 выполненные или начатые даты останутся в истории."))
            let endless = try await browser.get(WorkoutURL.delete(.value(open)).path)
            #expect(endless.text.contains("Every planned date from today on is removed from the calendar: the workout has no end."))
            #expect(endless.text.contains("0 completed or started dates stay in the history."))

            try await TestUsers.create("other@example.org", role: .student, in: database)
            var other = Browser(client)
            try await other.signIn("other@example.org")
            #expect(try await other.get(WorkoutURL.delete(.value(id)).path).status == .notFound)
            #expect(try await browser.get("/workouts/abc/delete").status == .notFound)

            let deleted = try await browser.post(WorkoutURL.delete(.value(id)).path)
            #expect(try await browser.follow(deleted).text.contains("The workout was deleted; its completed dates stay in the history."))
            #expect(try await database.value("SELECT is_archived FROM workouts WHERE id = $1", [id], as: Bool.self))
            #expect(try await database.value("SELECT count(*)::int FROM workout_occurrences WHERE workout_id = $1", [id], as: Int.self) == 2)
            #expect(try await browser.get(WorkoutURL.delete(.value(id)).path).status == .notFound, "an archived workout has nothing to delete")
        }
    }
}
