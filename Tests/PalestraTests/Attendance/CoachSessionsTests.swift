import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

/// `/coach`: today's and the next 7 days' sessions and the past ones with unmarked athletes, with
/// their counts; only the coach's own groups (an administrator's: every group's).
@Suite("Attendance journal: the coach's sessions")
struct CoachSessionsTests {
    @Test("lists today's, the next 7 days' and unmarked past sessions of the coach's groups with N of M marked")
    func list() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let day = JournalFixture.day
            let group = fixture.group
            try await database.run("UPDATE training_sessions SET location = 'Pitch 3' WHERE id = $1", [fixture.session])
            // Today: two of the three marked.
            for athlete in fixture.athletes.prefix(2) {
                try await database.run("INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'present')", [fixture.session, athlete])
            }
            let inThree = try await TestTraining.session(group: group, date: day(3), start: "17:00", end: "18:00", in: database)
            let inSeven = try await TestTraining.session(group: group, date: day(7), in: database)
            let inEight = try await TestTraining.session(group: group, date: day(8), in: database)
            let pastUnmarked = try await TestTraining.session(group: group, date: day(-2), in: database)
            try await database.run("INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'late')", [pastUnmarked, fixture.athletes[0]])
            let pastMarked = try await TestTraining.session(group: group, date: day(-3), in: database)
            for athlete in fixture.athletes {
                try await database.run("INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'absent')", [pastMarked, athlete])
            }
            let pastClosed = try await TestTraining.session(group: group, date: day(-4), in: database)
            let pastCancelled = try await TestTraining.session(group: group, date: day(-5), in: database)
            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [pastClosed])
            try await database.run("UPDATE training_sessions SET status = 'cancelled' WHERE id = $1", [pastCancelled])
            // A member who left before the past session is not counted there.
            _ = try await JournalFixture.addAthlete("Lev Left", group: group, joined: day(-100), left: day(-10), in: database)
            let otherCoach = try await TestUsers.create("other.coach@example.org", role: .coach, in: database)
            let otherGroup = try await TestTraining.group("Rhythmic Gymnastics", coach: otherCoach, in: database)
            let otherSession = try await TestTraining.session(group: otherGroup, date: day(1), in: database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            try await TestUsers.create("manager@example.org", role: .manager, in: database)

            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            let home = try await browser.get("/account")
            #expect(home.text.contains(#"<a href="/coach">My sessions</a>"#))
            let page = try await browser.get(AttendanceURL.mySessions.path)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains(#"<a href="/coach" aria-current="page">My sessions</a>"#))
            for shown in [fixture.session, inThree, inSeven, pastUnmarked] { #expect(html.contains(#"href="\#(AttendanceURL.journal(shown))""#), "session \(shown)") }
            for hidden in [inEight, pastMarked, pastClosed, pastCancelled, otherSession] {
                #expect(!html.contains(#"href="\#(AttendanceURL.journal(hidden))""#), "session \(hidden)")
            }
            let today = try #require(html.range(of: #"id="section-today""#))
            let next = try #require(html.range(of: #"id="section-next""#))
            let unmarked = try #require(html.range(of: #"id="section-unmarked""#))
            let todayCard = try #require(html.range(of: #"href="\#(AttendanceURL.journal(fixture.session))""#))
            let pastCard = try #require(html.range(of: #"href="\#(AttendanceURL.journal(pastUnmarked))""#))
            #expect(today.upperBound < todayCard.lowerBound && todayCard.upperBound < next.lowerBound)
            #expect(unmarked.upperBound < pastCard.lowerBound)
            #expect(html.contains("2 of 3 marked") && html.contains("1 of 3 marked") && html.contains("0 of 3 marked"))
            let todayDate = JournalFixture.today
            let format = LocalizedFormat(language: .en)
            #expect(html.contains(#"\#(format.longDate(todayDate))</time> · <span class="nowrap">18:00–19:30</span>"#))
            #expect(html.contains("Pitch 3") && html.contains("U-12 Football") && html.contains(">Planned</span>"))

            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let all = try await admin.get(AttendanceURL.mySessions.path).text
            #expect(all.contains(#"href="\#(AttendanceURL.journal(otherSession))""#) && all.contains(#"href="\#(AttendanceURL.journal(fixture.session))""#))
            #expect(all.contains("As an administrator you see the sessions of every group."))

            var manager = Browser(client)
            try await manager.signIn("manager@example.org")
            #expect(!(try await manager.get("/").text.contains("My sessions")))
            #expect(try await manager.get(AttendanceURL.mySessions.path).status == .forbidden)
        }
    }

    @Test("the journal and the list in Russian")
    func russian() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "ru"
            try await browser.signIn(JournalFixture.coachEmail)
            let list = try await browser.get(AttendanceURL.mySessions.path).text
            #expect(list.contains("Мои занятия") && list.contains("отмечено 0 из 3"))
            let page = try await browser.get(fixture.url).text
            #expect(page.contains(">Присутствует</label>") && page.contains("Отметить всех присутствующими"))
            #expect(page.contains(LocalizedFormat(language: .ru).longDate(JournalFixture.today)))
            let version = try #require(JournalFixture.version(in: page))
            let saved = try await browser.post(fixture.url, JournalFixture.form(version: version, rows: [(fixture.athletes[0], "present", "")]))
            #expect(try await browser.follow(saved).text.contains("Посещаемость сохранена: изменена 1 отметка"))
        }
    }
}
