import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

/// One long and one short date style per language, the same on every page.
@Suite("Date styles")
struct DateStyleTests {
    @Test("the styles, a weekday's short name and a wall-clock moment per language")
    func styles() throws {
        let date = try #require(CalendarDate("2026-12-05"))
        let en = LocalizedFormat(language: .en), ru = LocalizedFormat(language: .ru)
        #expect(en.longDate(date) == "Saturday, 5 December 2026" && ru.longDate(date) == "суббота, 5 декабря 2026")
        #expect(en.date(date) == "5 Dec 2026" && ru.date(date) == "05.12.2026")
        #expect(en.shortWeekdayName(6) == "Sat" && ru.shortWeekdayName(6) == "Сб" && ru.shortWeekdayName(7) == "Вс")
        let moment = try #require(LocalMoment("2026-12-05T18:30"))
        #expect(en.dateTime(moment) == "5 Dec 2026, 18:30" && ru.dateTime(moment) == "05.12.2026 18:30")
        #expect(en.csvSeparator == "," && ru.csvSeparator == ";")
        #expect(en.csvDecimal(1234.56, fractionDigits: 1) == "1234.6" && ru.csvDecimal(1234.56, fractionDigits: 1) == "1234,6")
    }

    @Test("the coach's sessions, the journal and the athlete's report name a day in the same long style, in English and Russian")
    func samePagesSameStyle() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            try await database.run("UPDATE training_sessions SET status = 'held' WHERE id = $1", [fixture.session])
            let today = JournalFixture.today
            for language in Language.allCases {
                let format = LocalizedFormat(language: language)
                var browser = Browser(client)
                browser.extraHeaders[.acceptLanguage] = language.rawValue
                try await browser.signIn(JournalFixture.coachEmail)
                let long = format.longDate(today)
                let mixed = format.weekday(today) + ", " + format.date(today)
                let sessions = try await browser.get(AttendanceURL.mySessions.path).text
                let journal = try await browser.get(fixture.url).text
                let athlete = try await browser.get(AttendanceReportURL.athlete(fixture.athletes[0], month: String(today.description.prefix(7)))).text
                for (name, page) in [("sessions", sessions), ("journal", journal), ("athlete", athlete)] {
                    #expect(page.contains(long), "\(language) \(name)")
                    #expect(!page.contains(mixed), "\(language) \(name): \(mixed)")
                }
            }
        }
    }
}
