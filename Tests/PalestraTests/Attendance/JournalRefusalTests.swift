import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

/// Journal posts that must change nothing: ids of non-members, bad statuses and notes, a stale form,
/// a session not (or no longer) open to marks.
@Suite("Attendance journal: refused saves")
struct JournalRefusalTests {
    @Test("only athletes who were members on the session's date are listed; posting another's id answers 422 and saves nothing")
    func membershipOnTheDate() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let day = JournalFixture.day
            let joinedToday = try await JournalFixture.addAthlete("Gleb Joinedtoday", group: fixture.group, joined: day(0), in: database)
            let leavesToday = try await JournalFixture.addAthlete("Dina Leavestoday", group: fixture.group, joined: day(-30), left: day(0), in: database)
            let joinsLater = try await JournalFixture.addAthlete("Egor Joinslater", group: fixture.group, joined: day(1), in: database)
            let leftBefore = try await JournalFixture.addAthlete("Fedor Leftbefore", group: fixture.group, joined: day(-30), left: day(-1), in: database)
            let otherGroup = try await TestTraining.group("U-14 Football", coach: fixture.coach, in: database)
            let stranger = try await JournalFixture.addAthlete("Zoya Othergroup", group: otherGroup, joined: day(-30), in: database)

            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            let page = try await browser.get(fixture.url).text
            #expect(page.contains("Gleb Joinedtoday") && page.contains("Dina Leavestoday"))
            #expect(!page.contains("Egor Joinslater") && !page.contains("Fedor Leftbefore") && !page.contains("Zoya Othergroup"))
            #expect(page.contains("0 of 5 marked"))
            let version = try #require(JournalFixture.version(in: page))

            for outsider in [joinsLater, leftBefore, stranger] {
                let refused = try await browser.post(fixture.url, JournalFixture.form(version: version, rows: [
                    (fixture.athletes[0], "present", ""), (joinedToday, "present", ""), (leavesToday, "late", ""), (outsider, "present", ""),
                ]))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("Athlete \(outsider) was not a member of this group on the session&#39;s date."))
                #expect(refused.text.contains("Please correct the errors below; nothing was saved."))
                // The user's choices are kept.
                #expect(JournalFixture.row(of: leavesToday, in: refused.text).contains(#"value="late" checked"#))
            }
            #expect(try await fixture.marks().isEmpty)
            #expect(try await fixture.sessionState() == "planned false v1")

            let saved = try await browser.post(fixture.url, JournalFixture.form(version: version, rows: [
                (joinedToday, "present", ""), (leavesToday, "late", ""),
            ]))
            #expect(saved.status == .seeOther)
            #expect(try await fixture.marks() == ["\(joinedToday):present/", "\(leavesToday):late/"])
        }
    }

    @Test("an unknown status, a note of 501 characters or a note without a status answer 422 beside their rows; nothing is saved")
    func badInputs() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let (anna, boris, vera) = (fixture.athletes[0], fixture.athletes[1], fixture.athletes[2])
            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            let version = try #require(JournalFixture.version(in: try await browser.get(fixture.url).text))
            let long = String(repeating: "ж", count: 501)
            let refused = try await browser.post(fixture.url, JournalFixture.form(version: version, rows: [
                (anna, "sick", ""), (boris, "late", long), (vera, nil, "Forgot the kit"),
            ]))
            #expect(refused.status == .unprocessableContent)
            let html = refused.text
            #expect(JournalFixture.row(of: anna, in: html).contains("Choose Present, Late, Excused or Absent."))
            #expect(JournalFixture.row(of: boris, in: html).contains("Use at most 500 characters."))
            #expect(JournalFixture.row(of: boris, in: html).contains(long))
            #expect(JournalFixture.row(of: vera, in: html).contains("Choose a status to go with the note."))
            #expect(JournalFixture.row(of: vera, in: html).contains(#"value="Forgot the kit""#))
            // A row with a problem shows its note open, where the message and what was typed can be seen.
            for athlete in [anna, boris, vera] {
                #expect(JournalFixture.row(of: athlete, in: html).contains(#"<details class="journal__note" open>"#), "\(athlete)")
            }
            #expect(!JournalFixture.row(of: boris, in: html).contains("Choose Present"))
            #expect(html.contains("journal__row journal__row--error"))
            #expect(try await fixture.marks().isEmpty)
            #expect(try await fixture.sessionState() == "planned false v1")
            let audits: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'attendance'")
            #expect(audits == 0)

            // Exactly 500 characters are fine.
            let fine = try await browser.post(fixture.url, JournalFixture.form(version: version, rows: [
                (boris, "late", String(repeating: "ж", count: 500)),
            ]))
            #expect(fine.status == .seeOther)
            // Malformed ids make the request unreadable.
            #expect(try await browser.post(fixture.url, [("version", version), ("athlete", "abc"), ("status_abc", "present")]).status == .badRequest)
            // So does a missing or garbled version: not "someone saved meanwhile"
            let athlete = String(fixture.athletes[0])
            #expect(try await browser.post(fixture.url, [("athlete", athlete), ("status_\(athlete)", "present")]).status == .badRequest)
            #expect(try await browser.post(fixture.url, [("version", "x1"), ("athlete", athlete), ("status_\(athlete)", "present")]).status == .badRequest)
        }
    }

    @Test("a journal loaded before a correction at the desk answers 409: the correction is not overwritten")
    func deskCorrectionMeanwhile() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let (anna, boris) = (fixture.athletes[0], fixture.athletes[1])
            var coach = Browser(client)
            try await coach.signIn(JournalFixture.coachEmail)
            let first = try await coach.get(fixture.url)
            let saved = try await coach.post(fixture.url, JournalFixture.form(version: try #require(JournalFixture.version(in: first.text)), rows: [
                (anna, "present", ""), (boris, "present", ""),
            ]))
            #expect(saved.status == .seeOther)
            let page = try await coach.get(fixture.url)
            let version = try #require(JournalFixture.version(in: page.text))
            let marker = "name=\"record_version_\(boris)\" value=\""
            let recordVersion = try #require(page.text.range(of: marker).map { String(page.text[$0.upperBound...].prefix { $0.isNumber }) })
            #expect(!recordVersion.isEmpty)
            // An administrator corrects Boris at the desk (the record's version moves on; the session's does not).
            try await database.run("UPDATE attendance_records SET status = 'excused', note = 'doctor', version = version + 1 WHERE athlete_id = $1", [boris])
            var fields = JournalFixture.form(version: version, rows: [(anna, "present", ""), (boris, "absent", "")])
            fields += [("record_version_\(boris)", recordVersion)]
            let conflict = try await coach.post(fixture.url, fields)
            #expect(conflict.status == .conflict)
            #expect(try await fixture.marks() == ["\(anna):present/", "\(boris):excused/doctor"])
        }
    }

    @Test("a form loaded before someone else saved answers 409: nothing saved, the current marks shown beside the user's choices")
    func staleVersion() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let (anna, boris, vera) = (fixture.athletes[0], fixture.athletes[1], fixture.athletes[2])
            try await TestUsers.create("admin@example.org", role: .admin, name: "Olga Admin", in: database)
            var coach = Browser(client)
            try await coach.signIn(JournalFixture.coachEmail)
            let stale = try #require(JournalFixture.version(in: try await coach.get(fixture.url).text))

            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let adminVersion = try #require(JournalFixture.version(in: try await admin.get(fixture.url).text))
            _ = try await admin.post(fixture.url, JournalFixture.form(version: adminVersion, rows: [(boris, "absent", "Called in")]))
            #expect(try await fixture.marks() == ["\(boris):absent/Called in"])

            let conflict = try await coach.post(fixture.url, JournalFixture.form(version: stale, rows: [
                (anna, "present", ""), (boris, "present", ""), (vera, "late", ""),
            ]))
            #expect(conflict.status == .conflict)
            let html = conflict.text
            #expect(html.contains("Someone saved this journal after you opened it, so nothing was saved."))
            #expect(JournalFixture.row(of: boris, in: html).contains(#"value="present" checked"#))
            #expect(JournalFixture.row(of: boris, in: html).contains("Saved meanwhile: Absent (Called in) — Olga Admin"))
            #expect(JournalFixture.row(of: vera, in: html).contains(#"value="late" checked"#))
            #expect(!JournalFixture.row(of: vera, in: html).contains("Saved meanwhile"))
            #expect(try await fixture.marks() == ["\(boris):absent/Called in"])
            // The page carries the current version: saving it again goes through.
            let current = try #require(JournalFixture.version(in: html))
            #expect(current != stale)
            let saved = try await coach.post(fixture.url, JournalFixture.form(version: current, rows: [
                (anna, "present", ""), (boris, "present", ""), (vera, "late", ""),
            ]))
            #expect(saved.status == .seeOther)
            #expect(try await fixture.marks() == ["\(anna):present/", "\(boris):present/", "\(vera):late/"])
        }
    }

    @Test("a cancelled session's and a future session's journals are read-only, and posts to them change nothing")
    func cancelledAndFuture() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let tomorrow = try await TestTraining.session(group: fixture.group, date: JournalFixture.day(1), in: database)
            let cancelled = try await TestTraining.session(group: fixture.group, date: JournalFixture.day(-1), in: database)
            try await database.run("UPDATE training_sessions SET status = 'cancelled' WHERE id = $1", [cancelled])
            var browser = Browser(client)
            try await browser.signIn(JournalFixture.coachEmail)
            for (session, message) in [
                (tomorrow, "This session has not happened yet: attendance can be marked from its day on."),
                (cancelled, "This session was cancelled: there is no attendance to mark."),
            ] {
                let page = try await browser.get(AttendanceURL.journal(session))
                #expect(page.status == .ok)
                #expect(page.text.contains(message))
                #expect(!page.text.contains(#"type="radio""#))
                #expect(page.text.contains("Anna Belova") && page.text.contains("Not marked"))
                let forged = try await browser.post(AttendanceURL.journal(session), JournalFixture.form(version: "1", rows: [(fixture.athletes[0], "present", "")]))
                #expect(forged.status == .conflict)
                #expect(forged.text.contains("Your marks were not saved."))
                #expect(try await fixture.marks(of: session).isEmpty)
            }
        }
    }
}
