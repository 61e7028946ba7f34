import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The workout pages as a user meets them: the form (with its preview and every kind of bad input), the list, the
/// month calendar, Start → tracking → Complete, the history with its CSV and chart.
@Suite("Workouts: the pages")
struct WorkoutPagesTests {
    static func fields(
        name: String = "Leg day", start: String = "2026-11-02", frequency: String = "weekly", weekdays: [String] = ["2", "4"],
        interval: String = "1", end: String = "never", count: String = "", until: String = "", monthDay: String = "",
        exercise: (String, String, String, String) = ("Squat", "3", "8", "60"), time: String = "18:30", excluded: String = ""
    ) -> [(String, String)] {
        [("name", name), ("activity", "strength"), ("starts_at", time), ("duration", "60"), ("start_date", start),
         ("frequency", frequency), ("interval", interval), ("month_day", monthDay), ("end", end), ("count", count), ("until", until),
         ("excluded", excluded), ("exercise_name_1", exercise.0), ("exercise_sets_1", exercise.1), ("exercise_reps_1", exercise.2),
         ("exercise_weight_1", exercise.3), ("exercise_rest_1", "90")]
            + weekdays.map { ("weekday", $0) }
    }

    static func student(_ client: any TestClientProtocol, _ database: TestDatabase) async throws -> Browser {
        try await TestUsers.create("student@example.org", role: .student, name: "Sam Student", in: database)
        var browser = Browser(client)
        try await browser.signIn("student@example.org")
        return browser
    }

    /// Runs `body` against the whole application on a database of its own, with the browser of ``student(_:_:)``
    /// signed in: the only user, who owns the workouts a test saves (their id).
    static func withStudent(
        _ body: @escaping @Sendable (any TestClientProtocol, TestDatabase, inout Browser, _ owner: Int) async throws -> Void
    ) async throws {
        try await TestApp.test { client, database in
            var browser = try await student(client, database)
            let owner: Int = try await database.value("SELECT id::int FROM users", as: Int.self)
            try await body(client, database, &browser, owner)
        }
    }

    /// Saves the owner's daily workout `name` (Squat, 3 × 8 at 60 kg) from `start` through the planner, then runs `then`
    /// on it (starting or completing dates); its id.
    @discardableResult
    static func saveWorkout(
        _ name: String, start: CalendarDate, owner: Int, in database: TestDatabase,
        then: (WorkoutPlanner, _ workout: Int, WorkoutAccess) async throws -> Void = { _, _, _ in }
    ) async throws -> Int {
        try await database.withClient { client in
            let planner = WorkoutFixture.planner(client)
            let id = try await planner.store.create(try WorkoutFixture.draft(name, start: start), owner: owner)
            try await then(planner, id, WorkoutAccess(userID: owner, seesEveryone: false))
            return id
        }
    }

    @Test("the form's preview lists the next ten dates and says where the start moved; Save stores the workout at its first date")
    func createWithPreview() async throws {
        try await Self.withStudent { _, database, browser, _ in
            _ = try await browser.get(WorkoutURL.new.path)
            let preview = try await browser.post(WorkoutURL.new.path, Self.fields() + [("preview", "1")])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("The next ten dates"))
            #expect(preview.text.contains("The rule does not produce Monday, 2 November 2026: the workout starts on its first date, Tuesday, 3 November 2026."))
            #expect(preview.text.contains("<li>Thursday, 3 December 2026</li></ol>"), "the tenth date: Tuesdays and Thursdays from 3 November")
            #expect(try await database.value("SELECT count(*)::int FROM workouts", as: Int.self) == 0, "a preview saves nothing")
            let saved = try await browser.post(WorkoutURL.new.path, Self.fields())
            #expect(saved.status == .seeOther)
            let list = try await browser.follow(saved)
            #expect(list.text.contains("The workout Leg day was saved. It starts on its first date, Tuesday, 3 November 2026."))
            #expect(list.text.contains("Every week on Tuesday, Thursday"))
            #expect(try await database.value("SELECT start_date::text FROM workouts", as: String.self) == "2026-11-03")
            #expect(try await database.value("SELECT rule FROM workouts", as: String.self) == "FREQ=WEEKLY;BYDAY=TU,TH")
            #expect(try await database.value("SELECT weight_kg::text FROM workout_exercises", as: String.self) == "60.00")
        }
    }

    @Test("bad input answers 422 with a message beside the field and saves nothing", arguments: [
        (WorkoutPagesTests.fields(name: ""), "Enter a name."),
        (WorkoutPagesTests.fields(name: String(repeating: "x", count: 121)), "At most 120 characters."),
        (WorkoutPagesTests.fields(start: "2026-13-01"), "Enter a date as YYYY-MM-DD."),
        (WorkoutPagesTests.fields(time: "25:00"), "Enter a time as HH:MM, like 18:30."),
        (WorkoutPagesTests.fields(interval: "0"), "Enter a whole number from 1 to 99."),
        (WorkoutPagesTests.fields(end: "count", count: "abc"), "Enter a whole number from 1 to 1000."),
        (WorkoutPagesTests.fields(end: "until", until: "2026-10-01"), "This rule produces no date: change the start, the days or the end."),
        (WorkoutPagesTests.fields(start: "2027-02-01", frequency: "monthly", interval: "12", monthDay: "30"), "This rule produces no date: change the start, the days or the end."),
        (WorkoutPagesTests.fields(frequency: "yearly"), "Choose how often from the list."),
        (WorkoutPagesTests.fields(exercise: ("Squat", "0", "8", "60")), "Sets 1–50; reps 1–1000; weight 0–1000 kg; duration 1–86400 s; rest 0–3600 s."),
        (WorkoutPagesTests.fields(exercise: ("", "3", "8", "60")), "Name the exercise (at most 120 characters), or clear its row."),
        (WorkoutPagesTests.fields(frequency: "none", excluded: "2026-11-02"), "Every date of the rule is excluded."),
        (WorkoutPagesTests.fields(excluded: "tomorrow"), "Write excluded dates as YYYY-MM-DD, separated by commas."),
    ] as [([(String, String)], String)])
    func badInput(fields: [(String, String)], message: String) async throws {
        try await Self.withStudent { _, database, browser, _ in
            _ = try await browser.get(WorkoutURL.new.path)
            let response = try await browser.post(WorkoutURL.new.path, fields)
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(message), "\(message)")
            #expect(response.text.contains("field__error"))
            #expect(try await database.value("SELECT count(*)::int FROM workouts", as: Int.self) == 0)
        }
    }

    @Test("the month calendar shows planned and done dates by state and marks today; a bad month says so")
    func calendar() async throws {
        try await Self.withStudent { _, database, browser, owner in
            let today = WorkoutFixture.today()
            let id = try await Self.saveWorkout("Morning run", start: today.firstOfMonth, owner: owner, in: database) { planner, id, access in
                _ = try await planner.start(workout: id, on: today, access: access)
            }
            let month = String(today.description.prefix(7))
            let page = try await browser.get(WorkoutURL.calendar(month: month))
            #expect(page.status == .ok)
            #expect(page.text.contains("calendar__day--today"))
            #expect(page.text.contains("calendar__entry--in-progress"))
            #expect(page.text.components(separatedBy: "Morning run").count - 1 == today.lastOfMonth.day, "a daily workout on every day of the month")
            #expect(page.text.contains(WorkoutURL.date(id, today.lastOfMonth)) || today == today.lastOfMonth)
            let bad = try await browser.get(WorkoutURL.calendar.path + "?month=2026-13")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Enter a month as YYYY-MM, like 2026-11."))
            let russian = try await browser.get(WorkoutURL.calendar(month: month), headers: [.acceptLanguage: "ru"])
            #expect(russian.text.contains("Тренировки"))
        }
    }

    @Test("Start opens the tracking page; a second click opens the same one; Complete ends that date alone; others' pages 404")
    func startTrackComplete() async throws {
        try await Self.withStudent { client, database, browser, owner in
            let today = WorkoutFixture.today()
            let id = try await Self.saveWorkout("Leg day", start: today.adding(days: -3)!, owner: owner, in: database)
            let datePage = try await browser.get(WorkoutURL.date(id, today))
            #expect(datePage.text.contains("Start the workout") && datePage.text.contains("Squat · 3 sets · 8 reps · 60 kg"))
            let started = try await browser.post(WorkoutURL.start(.value(id), .value(today.description)).path)
            #expect(started.status == .seeOther)
            let location = try #require(started.headers[.location])
            let again = try await browser.post(WorkoutURL.start(.value(id), .value(today.description)).path)
            #expect(again.headers[.location] == location, "a second click opens the same child")
            let tracking = try await browser.get(location)
            #expect(tracking.text.contains("Squat, set 3") && tracking.text.contains("name=\"complete\""))
            let child: Int = try await database.value("SELECT id::int FROM workout_occurrences", as: Int.self)
            let bad = try await browser.post(location, [("version", "1"), ("reps_1", "lots"), ("rating", "9"), ("difficulty", "7")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Choose a rating from 1 to 5.") && bad.text.contains("Reps 0–1000"))
            let done = try await browser.post(location, [
                ("version", "1"), ("reps_1", "10"), ("weight_1", "62,5"), ("reps_2", "8"), ("weight_2", "60"), ("reps_3", "6"), ("weight_3", "60"),
                ("notes", "Felt **good**<script>alert(1)</script>"), ("rating", "5"), ("difficulty", "8"), ("complete", "1"),
            ])
            #expect(done.status == .seeOther)
            let after = try await browser.follow(done)
            #expect(after.text.contains("Well done: the workout of"))
            #expect(after.text.contains("<strong>good</strong>") && !after.text.contains("<script>alert"))
            #expect(try await database.value("SELECT status FROM workout_occurrences WHERE id = $1", [child], as: String.self) == "completed")
            #expect(try await database.value("SELECT weight_kg::text FROM workout_sets WHERE position = 1", as: String.self) == "62.50")
            let stale = try await browser.post(location, [("version", "1"), ("rating", "3"), ("difficulty", "3")])
            #expect(stale.status == .conflict && stale.text.contains("Someone saved this workout in the meantime"))
            let tomorrow = try await browser.get(WorkoutURL.date(id, today.adding(days: 1)!))
            #expect(tomorrow.text.contains("Future dates cannot be started yet.") && !tomorrow.text.contains("Start the workout"))
            let future = try await browser.post(WorkoutURL.start(.value(id), .value(today.adding(days: 1)!.description)).path)
            #expect(future.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM workout_occurrences", as: Int.self) == 1)

            try await TestUsers.create("other@example.org", role: .student, in: database)
            var other = Browser(client)
            try await other.signIn("other@example.org")
            #expect(try await other.get(location).status == .notFound)
            #expect(try await other.get(WorkoutURL.date(id, today)).status == .notFound)
            #expect(try await other.post(WorkoutURL.start(.value(id), .value(today.description)).path).status == .notFound)
            #expect(try await browser.get(WorkoutURL.date(id, today.adding(days: -9)!)).status == .notFound, "before the start")
            #expect(try await browser.get("/workouts/\(id)/dates/2026-02-30").status == .notFound)
        }
    }

    @Test("history: completed occurrences with their own sets and notes, totals per exercise, CSV and SVG chart")
    func history() async throws {
        try await Self.withStudent { _, database, browser, owner in
            let today = WorkoutFixture.today()
            try await Self.saveWorkout("Leg day", start: today.adding(days: -3)!, owner: owner, in: database) { planner, id, access in
                for back in [3, 1] { try await WorkoutPlannerTests.complete(planner, id, today.adding(days: -back)!, access) }
            }
            let page = try await browser.get(WorkoutURL.history.path)
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<h3><a href=").count - 1 == 2)
            #expect(page.text.contains("<th scope=\"row\">Squat</th><td>6</td><td>48</td><td>2880</td>"), "6 sets × 8 reps × 60 kg")
            let csv = try await browser.get(WorkoutURL.historyCSV.path)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.components(separatedBy: "\r\n").count - 2 == 6, "a header and one line per set")
            let chart = try await browser.get(WorkoutURL.historyChart.path)
            #expect(chart.headers[.contentType]?.hasPrefix("image/svg+xml") == true && chart.text.contains("<rect class=\"bar\""))
            let bad = try await browser.get(WorkoutURL.history.path + "?from=2026-12-01&to=2026-11-01")
            #expect(bad.status == .unprocessableContent && bad.text.contains("The period&#39;s start is after its end."))
        }
    }

    @Test("the edit form asks the scope; 'this and following' splits the series; a stale version and someone else's workout are refused; Delete archives")
    func editAndDelete() async throws {
        try await Self.withStudent { client, database, browser, owner in
            let today = WorkoutFixture.today()
            let id = try await Self.saveWorkout("Leg day", start: today.adding(days: -4)!, owner: owner, in: database) { planner, id, access in
                try await WorkoutPlannerTests.complete(planner, id, today.adding(days: -2)!, access)
            }
            let before = try await WorkoutFixture.snapshot(database)
            let split = today.adding(days: 3)!
            let form = try await browser.get(WorkoutURL.edit(.value(id)).path + "?date=\(split)")
            #expect(form.text.contains("This date and the following ones") && form.text.contains("value=\"Leg day\""))
            let fields = Self.fields(name: "Leg day, heavier", start: split.description, frequency: "daily", weekdays: [])
            let saved = try await browser.post(WorkoutURL.edit(.value(id)).path, fields + [("scope", "following"), ("version", "1"), ("date", split.description)])
            #expect(saved.status == .seeOther)
            #expect(try await browser.follow(saved).text.contains("The workout Leg day, heavier was saved."))
            #expect(try await database.value("SELECT count(*)::int FROM workouts", as: Int.self) == 2)
            #expect(try await database.value("SELECT rule FROM workouts WHERE id = $1", [id], as: String.self)
                    == "FREQ=DAILY;UNTIL=" + RecurrenceRule.basic(split.adding(days: -1)!))
            #expect(try await WorkoutFixture.snapshot(database) == before, "the completed occurrence unchanged bit for bit")
            let stale = try await browser.post(WorkoutURL.edit(.value(id)).path, fields + [("scope", "all"), ("version", "1")])
            #expect(stale.status == .conflict && stale.text.contains("Someone saved this workout in the meantime"))
            let badScope = try await browser.post(WorkoutURL.edit(.value(id)).path, fields + [("scope", "some"), ("version", "2")])
            #expect(badScope.status == .badRequest)

            try await TestUsers.create("other@example.org", role: .student, in: database)
            var other = Browser(client)
            try await other.signIn("other@example.org")
            #expect(try await other.get(WorkoutURL.edit(.value(id)).path).status == .notFound)
            #expect(try await other.post(WorkoutURL.delete(.value(id)).path).status == .notFound)
            #expect(try await database.value("SELECT count(*)::int FROM workouts WHERE NOT is_archived", as: Int.self) == 2)

            _ = try await browser.get(WorkoutURL.list.path)
            let deleted = try await browser.post(WorkoutURL.delete(.value(id)).path)
            #expect(try await browser.follow(deleted).text.contains("The workout was deleted; its completed dates stay in the history."))
            #expect(try await database.value("SELECT is_archived FROM workouts WHERE id = $1", [id], as: Bool.self))
            #expect(try await WorkoutFixture.snapshot(database) == before)
            #expect(try await browser.get(WorkoutURL.history.path).text.contains("Leg day"))
        }
    }
}
