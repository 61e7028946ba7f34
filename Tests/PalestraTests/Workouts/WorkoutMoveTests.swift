import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// "This date only" with another date moves that one occurrence: its row keeps its date (its identity, the
/// RECURRENCE-ID) and gets `moved_to`; the calendar and its page show it on the new date.
@Suite("Workouts: moving one date")
struct WorkoutMoveTests {
    /// The calendar cell (`<li class="calendar__day…">`) holding `link`, if any.
    static func cell(_ page: String, holding link: String) -> Substring? {
        page.components(separatedBy: "<li class=\"calendar__day").first { $0.contains("href=\"\(link)\"") }.map { Substring($0) }
    }

    @Test("the edit form's date under 'This date only' moves the Monday to Wednesday: the calendar shows it there, its page says from where")
    func moveOne() async throws {
        try await WorkoutPagesTests.withStudent { client, database, browser, owner in
            let today = WorkoutFixture.today()
            let id = try await database.withClient { client in
                try await WorkoutFixture.planner(client).store.create(
                    try WorkoutFixture.draft("Leg day", rule: "FREQ=WEEKLY;BYDAY=MO", start: today.adding(days: -14)!), owner: owner
                )
            }
            let start: CalendarDate = try await database.value("SELECT start_date FROM workouts", as: CalendarDate.self)
            let monday = try #require(WorkoutRecurrence(start: start, rule: try RecurrenceRule(rfc5545: "FREQ=WEEKLY;BYDAY=MO"), excluded: [])
                .nextOccurrence(onOrAfter: today.adding(days: 1)!))
            let wednesday = monday.adding(days: 2)!
            let form = try await browser.get(WorkoutURL.edit(.value(id)).path + "?date=\(monday)")
            #expect(form.text.contains("value=\"\(monday)\"") && form.text.contains("change it to move this date alone"))
            let fields = WorkoutPagesTests.fields(name: "Leg day", start: wednesday.description, weekdays: ["1"])
            let saved = try await browser.post(
                WorkoutURL.edit(.value(id)).path, fields + [("scope", "this"), ("version", "1"), ("date", monday.description)]
            )
            #expect(saved.status == .seeOther)
            #expect(try await database.value("SELECT occurrence_date::text || ' ' || moved_to::text FROM workout_occurrences", as: String.self)
                    == "\(monday) \(wednesday)")
            #expect(try await database.value("SELECT start_date FROM workouts", as: CalendarDate.self) == start, "the series is unchanged")
            let child: Int = try await database.value("SELECT id::int FROM workout_occurrences", as: Int.self)
            let link = WorkoutURL.occurrence(child)

            let calendar = try await browser.get(WorkoutURL.calendar(month: String(wednesday.description.prefix(7))))
            let cell = try #require(Self.cell(calendar.text, holding: link))
            #expect(cell.contains("<span class=\"calendar__number\">\(wednesday.day)</span>"), "shown on Wednesday")
            #expect(!calendar.text.contains(WorkoutURL.date(id, monday)), "and no longer on Monday")

            let page = try await browser.get(link)
            #expect(page.text.contains("(moved from Monday, "))
            let again = try await browser.get(WorkoutURL.edit(.value(id)).path + "?date=\(monday)")
            #expect(again.text.contains("value=\"\(wednesday)\""), "the form shows where it takes place")

            // Back to its own date: moved_to is cleared.
            let back = try await browser.post(
                WorkoutURL.edit(.value(id)).path,
                WorkoutPagesTests.fields(name: "Leg day", start: monday.description, weekdays: ["1"])
                    + [("scope", "this"), ("version", "1"), ("date", monday.description)]
            )
            #expect(back.status == .seeOther)
            #expect(try await database.value("SELECT moved_to IS NULL FROM workout_occurrences", as: Bool.self))
            let bad = try await browser.post(
                WorkoutURL.edit(.value(id)).path,
                WorkoutPagesTests.fields(name: "Leg day", start: "2026-02-30", weekdays: ["1"])
                    + [("scope", "this"), ("version", "1"), ("date", monday.description)]
            )
            #expect(bad.status == .unprocessableContent && bad.text.contains("Enter a date as YYYY-MM-DD."))
            #expect(try await database.value("SELECT moved_to IS NULL FROM workout_occurrences", as: Bool.self), "nothing changed")
        }
    }
}
