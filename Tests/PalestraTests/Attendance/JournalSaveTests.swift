import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

/// Saving a session's attendance journal through its form: who may, what is stored and audited, and
/// every refusal changing nothing.
@Suite("Attendance journal: saving")
struct JournalSaveTests {
    @Test("a coach saves the journal: records with marked_by, the session held, each record audited")
    func saveAsCoach() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let (anna, boris, vera) = (fixture.athletes[0], fixture.athletes[1], fixture.athletes[2])
            let photo = "athletes/" + String(repeating: "0f", count: 16) + ".png"
            try await database.run("UPDATE athletes SET avatar = $1 WHERE id = $2", [photo, vera])
            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            let page = try await browser.get(fixture.url)
            #expect(page.status == .ok)
            let html = page.text
            for name in ["Anna Belova", "Boris Chernov", "Vera Dmitrieva"] { #expect(html.contains(name)) }
            #expect(html.components(separatedBy: #"type="radio""#).count - 1 == 12)
            for label in ["Present", "Late", "Excused", "Absent"] { #expect(html.contains(">\(label)</label>")) }
            #expect(html.contains(#"<span class="journal__photo journal__photo--initials" aria-hidden="true">AB</span>"#))
            #expect(JournalFixture.row(of: vera, in: html).contains(#"<img class="journal__photo" src="/media/\#(photo)""#))
            #expect(html.contains("0 of 3 marked"))
            #expect(html.contains(">Mark everyone present</button>"))
            let version = try #require(JournalFixture.version(in: html))

            let saved = try await browser.post(fixture.url, JournalFixture.form(version: version, rows: [
                (anna, "present", ""), (boris, "late", "Bus was late"), (vera, "absent", ""),
            ]))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == fixture.url)
            let after = try await browser.follow(saved)
            #expect(after.text.contains("Attendance saved: 3 changed"))
            #expect(after.text.contains("3 of 3 marked"))
            #expect(after.text.contains(#"value="late" checked"#))
            #expect(after.text.contains("Marked by Anna Smirnova"))
            #expect(try await fixture.marks() == ["\(anna):present/", "\(boris):late/Bus was late", "\(vera):absent/"])
            let markedBy: Int = try await database.value(
                "SELECT count(*)::int FROM attendance_records WHERE marked_by = $1 AND marked_at > now() - interval '1 minute' AND version = 1",
                [fixture.coach]
            )
            #expect(markedBy == 3)
            #expect(try await fixture.sessionState() == "held false v2")
            let audits: Int = try await database.value(
                "SELECT count(*)::int FROM audit_records WHERE object_type = 'attendance' AND action = 'add' AND actor_id = $1", [fixture.coach]
            )
            #expect(audits == 3)
            let note: String = try await database.value(
                "SELECT changes::text FROM audit_records WHERE object_type = 'attendance' AND object_label LIKE 'Boris Chernov%'"
            )
            #expect(note.contains("Bus was late") && note.contains("late"))
            let held: Int = try await database.value(
                "SELECT count(*)::int FROM audit_records WHERE object_type = 'training-sessions' AND object_id = $1 AND changes::text LIKE '%held%'",
                [String(fixture.session)]
            )
            #expect(held == 1)

            // Changing one mark raises that record's version only and audits that one change.
            let again = try await browser.get(fixture.url)
            let changed = try await browser.post(fixture.url, JournalFixture.form(version: try #require(JournalFixture.version(in: again.text)), rows: [
                (anna, "present", ""), (boris, "present", "Bus was late"), (vera, "absent", ""),
            ]))
            #expect(changed.status == .seeOther)
            let versions: String = try await database.value(
                "SELECT string_agg(version::text, ',' ORDER BY athlete_id) FROM attendance_records WHERE session_id = $1", [fixture.session]
            )
            #expect(versions == "1,2,1")
            let changes: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'attendance' AND action = 'change'")
            #expect(changes == 1)
        }
    }

    @Test("another coach's session answers 404 to GET and POST; managers and students 403; an administrator may save")
    func scope() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            try await TestUsers.create("other.coach@example.org", role: .coach, in: database)
            try await TestUsers.create("manager@example.org", role: .manager, in: database)
            try await TestUsers.create("student@example.org", role: .student, in: database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            let form = JournalFixture.form(version: "1", rows: [(fixture.athletes[0], "present", "")])

            var other = Browser(client)
            try await other.signIn("other.coach@example.org")
            #expect(try await other.get(fixture.url).status == .notFound)
            #expect(try await other.post(fixture.url, form).status == .notFound)
            #expect(try await other.post(AttendanceURL.journalClose(fixture.session)).status == .notFound)
            #expect(try await other.get(AttendanceURL.journal(999_999)).status == .notFound)
            for email in ["manager@example.org", "student@example.org"] {
                var browser = Browser(client)
                try await browser.signIn(email)
                #expect(try await browser.get(fixture.url).status == .forbidden)
                #expect(try await browser.post(fixture.url, form).status == .forbidden)
                #expect(try await browser.get(AttendanceURL.mySessions.path).status == .forbidden)
            }
            #expect(try await fixture.marks().isEmpty)

            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            #expect(try await admin.get(fixture.url).status == .ok)
            let saved = try await admin.post(fixture.url, form)
            #expect(saved.status == .seeOther)
            #expect(try await fixture.marks() == ["\(fixture.athletes[0]):present/"])
        }
    }

    @Test("mark everyone present marks only the unmarked athletes present; then the exceptions are corrected")
    func markEveryonePresent() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let (anna, boris, vera) = (fixture.athletes[0], fixture.athletes[1], fixture.athletes[2])
            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            var page = try await browser.get(fixture.url)
            _ = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, nil, ""), (boris, "late", "Traffic"), (vera, nil, ""),
            ]))
            #expect(try await fixture.marks() == ["\(boris):late/Traffic"])

            page = try await browser.get(fixture.url)
            // The form as a browser sends it: Boris's saved choice comes back checked, the others unchosen.
            let all = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, nil, ""), (boris, "late", "Traffic"), (vera, nil, ""),
            ], action: "mark_all"))
            #expect(all.status == .seeOther)
            #expect(try await browser.follow(all).text.contains("Attendance saved: 2 changed"))
            #expect(try await fixture.marks() == ["\(anna):present/", "\(boris):late/Traffic", "\(vera):present/"])

            // A row left out of the post keeps its mark too.
            page = try await browser.get(fixture.url)
            _ = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, nil, ""),
            ], action: "mark_all"))
            #expect(try await fixture.marks() == ["\(anna):present/", "\(boris):late/Traffic", "\(vera):present/"])

            page = try await browser.get(fixture.url)
            let exceptions = try await browser.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (anna, "present", ""), (boris, "late", "Traffic"), (vera, "excused", "Ill"),
            ]))
            #expect(exceptions.status == .seeOther)
            #expect(try await fixture.marks() == ["\(anna):present/", "\(boris):late/Traffic", "\(vera):excused/Ill"])
            let boriVersion: Int = try await database.value("SELECT version FROM attendance_records WHERE athlete_id = $1", [boris])
            #expect(boriVersion == 1)
        }
    }
}
