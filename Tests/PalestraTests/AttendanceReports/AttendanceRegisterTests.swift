import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Honest counts (sessions, not athlete-sessions; unmarked is not absence), the register grid on screen
/// and as CSV in each language's spreadsheet dialect, and the athlete's sessions.
@Suite("Attendance register")
struct AttendanceRegisterTests {
    /// October 2026: U-10 held two sessions (Tue 6th, Thu 8th) for 20 athletes, all marked (the first 15
    /// present at both, the rest absent at the second and late at the first); U-8 held two for 3 athletes
    /// and nobody marked them. U-10 also has a planned session on the 29th and a cancelled one on the 13th.
    struct Scene {
        let u10: TrainingFixture
        let u8: TrainingFixture
        let athletes: [Int]
    }

    static func session(_ database: TestDatabase, group: Int, day: String, status: String = "held") async throws -> Int {
        try await database.value(
            "INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status) VALUES ($1, $2::date, '17:00', '18:30', $3) RETURNING id::int",
            [group, "2026-10-\(day)", status]
        )
    }

    static func athlete(_ database: TestDatabase, _ name: String, group: Int, joined: String = "2026-09-01", left: String? = nil) async throws -> Int {
        let id: Int = try await database.value("INSERT INTO athletes (full_name, birth_date) VALUES ($1, '2016-03-01') RETURNING id::int", [name])
        try await database.run(
            "INSERT INTO group_memberships (athlete_id, group_id, joined_on, left_on) VALUES ($1, $2, $3::date, $4::date)", [id, group, joined, left]
        )
        return id
    }

    static func mark(_ database: TestDatabase, session: Int, athlete: Int, _ status: String, note: String = "") async throws {
        try await database.run(
            "INSERT INTO attendance_records (session_id, athlete_id, status, note) VALUES ($1, $2, $3, $4)", [session, athlete, status, note]
        )
    }

    static func scene(_ database: TestDatabase) async throws -> Scene {
        let u10 = try await TrainingFixture.make(in: database, name: "U-10", slots: [])
        let u8 = try await TrainingFixture.make(in: database, name: "U-8", slots: [])
        let first = try await session(database, group: u10.group, day: "06")
        let second = try await session(database, group: u10.group, day: "08")
        _ = try await session(database, group: u10.group, day: "29", status: "planned")
        _ = try await session(database, group: u10.group, day: "13", status: "cancelled")
        var athletes: [Int] = []
        for index in 1...20 {
            let id = try await athlete(database, String(format: "Athlete %02d", index), group: u10.group)
            athletes.append(id)
            try await mark(database, session: first, athlete: id, index <= 15 ? "present" : "late")
            try await mark(database, session: second, athlete: id, index <= 15 ? "present" : "absent")
        }
        _ = try await session(database, group: u8.group, day: "07")
        _ = try await session(database, group: u8.group, day: "09")
        for name in ["Vera", "Gleb", "Olga"] { _ = try await athlete(database, name, group: u8.group) }
        return Scene(u10: u10, u8: u8, athletes: athletes)
    }

    @Test("a group's sessions held are its sessions, not athlete-sessions; a group nobody marked reads unmarked, not 0 % low")
    func honestCounts() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            var browser = try await Browser.signedInAdmin(client, database)
            let page = try await browser.get("/reports/attendance?month=2026-10")
            #expect(page.status == .ok)
            let csv = try await browser.get("/reports/attendance?month=2026-10&format=csv")
            // U-10: 2 sessions; 30 present, 5 late, 5 absent marks: 35 of 40, 87.5 %
            #expect(csv.text.contains("U-10,2,30,5,0,5,0,87.5,No\r\n"))
            // U-8: 2 sessions, 6 missing marks, no percentage and no warning
            #expect(csv.text.contains("U-8,2,0,0,0,0,6,,\r\n"))
            let u8Row = try #require(page.text.range(of: ">U-8</a>").map { String(page.text[$0.lowerBound...].prefix(900)) })
            #expect(u8Row.contains(#"<span class="badge badge--unmarked">unmarked</span>"#))
            #expect(!u8Row.contains("0.0\u{00A0}%") && !u8Row.contains("low"))
            #expect(page.text.contains("1 below the threshold") == false, "U-8 is not below the threshold: it is unmarked")

            // One group's athletes: the total row is the group's, 2 sessions held (not 40)
            let group = try await browser.get("/reports/attendance?month=2026-10&group=\(scene.u10.group)")
            let total = try #require(group.text.range(of: "<tfoot>").map { String(group.text[$0.lowerBound...].prefix(400)) })
            #expect(total.contains(#"<td data-label="Sessions held">2</td>"#))
            #expect(group.text.contains(#"<a href="/reports/attendance/groups/\#(scene.u10.group)/register?month=2026-10">Register</a>"#))
            let unmarkedGroup = try await browser.get("/reports/attendance?month=2026-10&group=\(scene.u8.group)&format=csv")
            #expect(unmarkedGroup.text.contains("Gleb,2,0,0,0,0,2,,\r\n"))
        }
    }

    @Test("the register: a row per athlete, a column per session, each mark's short label with its full label and note; unmarked, planned and outside cells distinct")
    func registerPage() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            // Zoe joined on the 7th: outside at the 6th, unmarked at the 8th; Athlete 01's note shows in the title
            let zoe = try await Self.athlete(database, "Zoe <b>Late</b>", group: scene.u10.group, joined: "2026-10-07")
            try await database.run("UPDATE attendance_records SET note = 'Came 10 min late' WHERE athlete_id = $1", [scene.athletes[19]])
            var browser = try await Browser.signedInAdmin(client, database)
            let page = try await browser.get("/reports/attendance/groups/\(scene.u10.group)/register?month=2026-10")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h1>Register: U-10, October 2026</h1>"))
            // Columns: the 6th, 8th and the planned 29th; not the cancelled 13th
            #expect(page.text.contains(#"<abbr title="Tuesday, 6 October 2026, 17:00–18:30"><time datetime="2026-10-06">6</time><span class="register__weekday">Tue</span></abbr>"#))
            #expect(page.text.contains(#"<abbr title="Thursday, 29 October 2026, 17:00–18:30 (not held yet)">"#))
            #expect(!page.text.contains("2026-10-13"))
            #expect(page.text.contains(#"<td class="register__cell register__cell--present"><abbr title="Present">P</abbr></td>"#))
            #expect(page.text.contains(#"<td class="register__cell register__cell--late"><abbr title="Late: Came 10 min late">L</abbr></td>"#))
            #expect(page.text.contains(#"<td class="register__cell register__cell--absent"><abbr title="Absent: Came 10 min late">A</abbr></td>"#))
            #expect(page.text.contains(#"<td class="register__cell register__cell--planned"><span class="visually-hidden">Not held yet</span></td>"#))
            // Zoe: escaped, outside then unmarked, and "unmarked" instead of a percentage
            #expect(page.text.contains("Zoe &lt;b&gt;Late&lt;/b&gt;") && !page.text.contains("<b>Late</b>"))
            let zoeRow = try #require(page.text.range(of: "/reports/attendance/athletes/\(zoe)?month=2026-10#sessions").map { String(page.text[$0.lowerBound...].prefix(900)) })
            #expect(zoeRow.contains(#"<td class="register__cell register__cell--outside"><span class="visually-hidden">Not a member on this date</span></td><td class="register__cell register__cell--unmarked"><abbr title="Unmarked">?</abbr></td>"#))
            #expect(zoeRow.contains(#"<span class="badge badge--unmarked">unmarked</span>"#))
            // Percentages: 100 % for the first 15, 50 % ⚠ for the last 5
            #expect(page.text.components(separatedBy: #"<td class="register__percent">100.0\#u{00A0}%</td>"#).count - 1 == 15)
            #expect(page.text.components(separatedBy: #"<td class="register__percent">50.0\#u{00A0}% <span class="badge badge--bad" title="Below the threshold">⚠</span></td>"#).count - 1 == 5)
            // Scrolls in its own box, the athlete column sticky (CSS), a caption for screen readers
            #expect(page.text.contains(#"<div class="register-wrap" tabindex="0" role="region" aria-labelledby="register-caption">"#))

            // Two athletes of one name are told apart by their birth years, on the register and the group's report
            let twin = try await Self.athlete(database, "Athlete 01", group: scene.u10.group)
            try await database.run("UPDATE athletes SET birth_date = '2015-07-01' WHERE id = $1", [twin])
            for url in ["/reports/attendance/groups/\(scene.u10.group)/register?month=2026-10", "/reports/attendance?month=2026-10&group=\(scene.u10.group)"] {
                let twins = try await browser.get(url).text
                #expect(twins.contains(">Athlete 01 (2016)</a>") && twins.contains(">Athlete 01 (2015)</a>") && twins.contains(">Athlete 02</a>"), "\(url)")
            }
            // Born the same year: told apart by their birth dates
            let sameYear = try await Self.athlete(database, "Athlete 02", group: scene.u10.group)
            try await database.run("UPDATE athletes SET birth_date = '2016-11-20' WHERE id = $1", [sameYear])
            let dates = try await browser.get("/reports/attendance/groups/\(scene.u10.group)/register?month=2026-10").text
            #expect(dates.contains(">Athlete 02 (1 Mar 2016)</a>") && dates.contains(">Athlete 02 (20 Nov 2016)</a>"))

            // Linked from the group's page
            let form = try await browser.get(AdminURL.changeForm("training-groups", String(scene.u10.group)))
            #expect(form.text.contains(#"href="/reports/attendance/groups/\#(scene.u10.group)/register""#))
            let empty = try await browser.get("/reports/attendance/groups/\(scene.u8.group)/register?month=2026-12")
            #expect(empty.text.contains("The group has no sessions in this month."))
        }
    }

    @Test("the register's CSV: English with commas and points, Russian with semicolons and decimal commas, both with a BOM and no formula")
    func registerCSV() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            try await database.run("UPDATE athletes SET full_name = '=HYPERLINK(1)' WHERE id = $1", [scene.athletes[0]])
            let zoe = try await Self.athlete(database, "Zoe", group: scene.u10.group, joined: "2026-10-07")
            _ = zoe
            var browser = try await Browser.signedInAdmin(client, database)
            let english = try await browser.get("/reports/attendance/groups/\(scene.u10.group)/register?month=2026-10&format=csv")
            #expect(english.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(english.headers[.contentDisposition] == "attachment; filename=\"register-group-\(scene.u10.group)-2026-10.csv\"")
            let englishLines = english.text.components(separatedBy: "\r\n")
            #expect(englishLines[0] == "\u{FEFF}Athlete,6 Oct 2026,8 Oct 2026,29 Oct 2026,Attendance %")
            #expect(englishLines[1] == "'=HYPERLINK(1),Present,Present,,100.0")
            #expect(englishLines.contains("Athlete 20,Late,Absent,,50.0"))
            #expect(englishLines.contains("Zoe,,Unmarked,,"))
            #expect(Array(english.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])

            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            try await browser.signIn("admin@example.org")
            let russian = try await browser.get("/reports/attendance/groups/\(scene.u10.group)/register?month=2026-10&format=csv")
            let russianBytes = Array(russian.body.readableBytesView)
            #expect(Array(russianBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
            let russianLines = String(decoding: russianBytes.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")
            #expect(russianLines[0] == "Спортсмен;06.10.2026;08.10.2026;29.10.2026;\"Посещаемость, %\"")
            #expect(russianLines[1] == "'=HYPERLINK(1);Присутствует;Присутствует;;\"100,0\"")
            #expect(russianLines.contains("Athlete 20;Опоздание;Отсутствует;;\"50,0\""))
            #expect(russianLines.contains("Zoe;;Не отмечено;;"))
        }
    }

    @Test("who sees a register: a coach only their groups' (another's: 404), a student none; bad input answers with a message or 404")
    func registerAccess() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let coachEmail: String = try await database.value("SELECT email::text FROM users WHERE id = $1", [scene.u10.coach])
            var coach = Browser(client)
            try await coach.signIn(coachEmail)
            #expect(try await coach.get("/reports/attendance/groups/\(scene.u10.group)/register?month=2026-10").status == .ok)
            #expect(try await coach.get("/reports/attendance/groups/\(scene.u8.group)/register?month=2026-10").status == .notFound)
            #expect(try await coach.get("/reports/attendance/groups/\(scene.u8.group)/register?month=2026-10&format=csv").status == .notFound)
            for bad in ["999999", "0", "-1", "abc"] {
                #expect(try await coach.get("/reports/attendance/groups/\(bad)/register").status == .notFound, "\(bad)")
            }
            let badMonth = try await coach.get("/reports/attendance/groups/\(scene.u10.group)/register?month=2026-13&format=csv")
            #expect(badMonth.status == .unprocessableContent)
            #expect(badMonth.text.contains(#"<p class="field__error" id="register-month-error">Enter a month as YYYY-MM, like 2026-11.</p>"#))

            try await TestUsers.create("student@example.org", role: .student, in: database)
            var student = Browser(client)
            try await student.signIn("student@example.org")
            #expect(try await student.get("/reports/attendance/groups/\(scene.u10.group)/register").status == .forbidden)
        }
    }

    @Test("the athlete's page lists each held session of the month with its date (the long style), status and note")
    func athleteSessions() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let athlete = scene.athletes[19]
            try await database.run(
                "UPDATE attendance_records SET note = 'Knee <hurt>' WHERE athlete_id = $1 AND session_date = '2026-10-08'", [athlete]
            )
            var browser = try await Browser.signedInAdmin(client, database)
            let page = try await browser.get("/reports/attendance/athletes/\(athlete)?month=2026-10")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<h2 id="sessions">Sessions in October 2026</h2>"#))
            #expect(page.text.contains(#"<th scope="row"><time datetime="2026-10-06">Tuesday, 6 October 2026</time></th>"#))
            #expect(page.text.contains(#"<span class="badge badge--mark-late">Late</span>"#))
            #expect(page.text.contains(#"<span class="badge badge--mark-absent">Absent</span></td>"#))
            #expect(page.text.contains(#"<td data-label="Note">Knee &lt;hurt&gt;</td>"#))
            #expect(!page.text.contains("2026-10-29"), "a planned session is not listed")
            // The athlete's admin page links here
            let form = try await browser.get(AdminURL.changeForm("athletes", String(athlete)))
            #expect(form.text.contains(#"href="/reports/attendance/athletes/\#(athlete)""#))

            // An athlete nobody marked: each session unmarked
            let gleb: Int = try await database.value("SELECT id::int FROM athletes WHERE full_name = 'Gleb'")
            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            try await browser.signIn("admin@example.org")
            let russian = try await browser.get("/reports/attendance/athletes/\(gleb)?month=2026-10")
            #expect(russian.text.contains(#"<time datetime="2026-10-07">среда, 7 октября 2026</time>"#))
            #expect(russian.text.components(separatedBy: #"<span class="badge badge--mark-unmarked">Не отмечено</span>"#).count - 1 == 2)
            #expect(russian.text.contains(#"<span class="badge badge--unmarked">не отмечено</span>"#))
        }
    }
}
