@testable import Palestra
import Postgres
import Testing

@Suite("Workouts: links")
struct WorkoutURLTests {
    @Test("a date's and an occurrence's links, written straight for the calendar, are the route table's paths")
    func directLinksAreTheRoutes() throws {
        for (id, text) in [(1, "2026-01-05"), (42, "2024-02-29"), (9_876_543_210, "9999-12-31")] {
            let date = try #require(CalendarDate(text))
            #expect(WorkoutURL.date(id, date) == WorkoutURL.date(.value(id), .value(text)).path)
            #expect(WorkoutURL.occurrence(id) == WorkoutURL.occurrence(.value(id)).path)
        }
        #expect(WorkoutURL.date(7, try #require(CalendarDate("2026-11-03"))) == "/workouts/7/dates/2026-11-03")
    }
}
