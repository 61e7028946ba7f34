import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Where each role lands: coaches on their sessions, administrators on the day at the desk, managers
/// and students on the day and their notifications.
@Suite("Dashboard")
struct DashboardTests {
    @Test("a coach lands on My sessions after signing in and at /, and has no Dashboard entry")
    func coachLandsOnSessions() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            var browser = Browser(client)
            let signedIn = try await browser.signIn(JournalFixture.coachEmail)
            #expect(signedIn.headers[.location] == "/")
            let home = try await browser.get("/")
            #expect(home.status == .seeOther)
            #expect(home.headers[.location] == AttendanceURL.mySessions.path)
            let page = try await browser.follow(home)
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>My sessions</h1>") && page.text.contains(fixture.url))
            #expect(!page.text.contains(">Dashboard</a>"))
            #expect(!page.text.contains("migrations applied"))
        }
    }

    @Test("an administrator sees today's sessions with their journal state, journals left unmarked, athletes under the threshold; operations folded")
    func administratorsDesk() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            let (anna, boris, vera) = (fixture.athletes[0], fixture.athletes[1], fixture.athletes[2])
            let day = JournalFixture.day
            // Today's session: one of three marked.
            try await database.run("INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'present')", [fixture.session, anna])
            // Past sessions: two held and marked, one nobody marked (closed), one 40 days ago nobody marked, one cancelled.
            var held: [Int] = []
            for offset in [-5, -4] {
                let id = try await TestTraining.session(group: fixture.group, date: day(offset), in: database)
                try await database.run("UPDATE training_sessions SET status = 'held' WHERE id = $1", [id])
                held.append(id)
            }
            for (session, marks) in zip(held, [["present", "absent", "present"], ["present", "absent", "late"]]) {
                for (athlete, status) in zip([anna, boris, vera], marks) {
                    try await database.run(
                        "INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, $3)", [session, athlete, status]
                    )
                }
            }
            let unmarked = try await TestTraining.session(group: fixture.group, date: day(-3), start: "10:00", end: "11:00", in: database)
            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [unmarked])
            let longAgo = try await TestTraining.session(group: fixture.group, date: day(-40), in: database)
            let cancelled = try await TestTraining.session(group: fixture.group, date: day(-2), in: database)
            try await database.run("UPDATE training_sessions SET status = 'cancelled' WHERE id = $1", [cancelled])

            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let page = try await browser.get("/")
            #expect(page.status == .ok)
            let html = page.text
            let today = html.range(of: "Today's sessions")!.upperBound
            let unmarkedStart = html.range(of: "Journals left unmarked")!.upperBound
            let lowStart = html.range(of: "Athletes under the attendance threshold")!.upperBound
            let todayPart = String(html[today..<unmarkedStart])
            #expect(todayPart.contains(fixture.url) && todayPart.contains("1 of 3 marked") && todayPart.contains("U-12 Football"))
            let unmarkedPart = String(html[unmarkedStart..<lowStart])
            #expect(unmarkedPart.contains(AttendanceURL.journal(unmarked)) && unmarkedPart.contains("0 of 3 marked") && unmarkedPart.contains(">Closed<"))
            for other in held + [longAgo, cancelled, fixture.session] {
                #expect(!unmarkedPart.contains(#"href="\#(AttendanceURL.journal(other))""#), "session \(other)")
            }
            // Boris: absent at both marked sessions (0 %); Vera present then late (100 %); Anna 3 of 3.
            let lowPart = String(html[lowStart...])
            #expect(lowPart.contains("fewer than 75 % of the marked sessions of the last 30 days"))
            #expect(lowPart.contains(#"<a href="\#(AttendanceReportURL.athlete(boris, month: ReportMonth(JournalFixture.today).value))">Boris Chernov</a>"#))
            #expect(lowPart.contains("0 % (0 of 2)"))
            #expect(!lowPart.contains("Vera Dmitrieva") && !lowPart.contains("Anna Belova"))
            // The operational facts are folded at the bottom.
            #expect(html.contains(#"<details class="dashboard__operations">"#))
            let operations = String(html[html.range(of: #"<details class="dashboard__operations">"#)!.lowerBound...])
            #expect(operations.contains("migrations applied") && operations.contains(#"href="/admin/jobs-overview""#))

            // In Russian.
            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            let russian = try await browser.get("/").text
            #expect(russian.contains("Занятия сегодня") && russian.contains("Журналы без отметок") && russian.contains("0 % (0 из 2)"))
        }
    }

    @Test("managers and students see the day and their notifications, none of the desk's lists or operations")
    func managersAndStudents() async throws {
        try await TestApp.test { client, database in
            let ids = try await TestUsers.everyRole(in: database)
            try await database.withClient { client in
                try await client.transaction { connection in
                    try await Notifier.notify(recipient: ids[.student]!, kind: "lesson.moved", subject: "Moved", body: "", on: connection)
                }
            }
            for role in [Role.manager, .student] {
                var browser = Browser(client)
                try await browser.signIn("\(role.rawValue)@example.org")
                let page = try await browser.get("/")
                #expect(page.status == .ok)
                #expect(page.text.contains(#"<a href="/" aria-current="page">Dashboard</a>"#))
                #expect(page.text.contains(LocalizedFormat(language: .en).longDate(JournalFixture.today)))
                #expect(page.text.contains(role == .student ? "1 unread" : "No unread notifications."))
                // A manager comes for the reports; a student may not see them.
                #expect(page.text.contains(#"class="button button--secondary" href="\#(AttendanceReportURL.groups.path)""#) == (role == .manager))
                for hidden in ["Today's sessions", "Journals left unmarked", "attendance threshold", "migrations applied", "jobs-overview"] {
                    #expect(!page.text.contains(hidden), "\(role): \(hidden)")
                }
            }
        }
    }
}
