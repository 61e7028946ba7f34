import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// A bulk action that changes attendance is confirmed first: the page lists each row with what changes
/// and what stays beside it, and the rows left alone with why; only the confirmed POST changes anything.
@Suite("Attendance admin: bulk actions are confirmed")
struct AttendanceBulkConfirmationTests {
    typealias Scene = AttendanceAdminTests.Scene

    /// The fields of the page's confirmation form, as the browser would post them.
    static func confirmation(_ page: String) -> [(String, String)] {
        page.matches(of: /<input type="hidden" name="([^"]+)" value="([^"]*)">/).compactMap { match in
            let name = String(match.output.1)
            return name == CSRFMiddleware.fieldName ? nil : (name, String(match.output.2))
        }
    }

    /// A status as the pages show it (its label).
    static func shown(_ status: String) -> String {
        AttendanceAdmin.statuses.first { $0.value == status }!.label
    }

    static func statuses(_ scene: Scene, _ database: TestDatabase) async throws -> String {
        try await database.value(
            """
            SELECT string_agg(a.full_name || '=' || r.status || '/' || r.note || '/v' || r.version, ', ' ORDER BY a.full_name)
            FROM attendance_records r JOIN athletes a ON a.id = r.athlete_id
            """
        )
    }

    @Test("“Mark selected as present” over Late, Excused and Present rows: the page shows each change with the note that stays, changes nothing until confirmed; confirmed, the database holds the new statuses")
    func markPresent() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let anna = scene.records["Anna Ivanova"]!, boris = scene.records["Boris Petrov"]!, clara = scene.records["Clara Sokolova"]!
            try await database.run("UPDATE attendance_records SET status = 'late', note = 'Came 10 min late' WHERE id = $1", [anna])
            try await database.run("UPDATE attendance_records SET status = 'excused' WHERE id = $1", [boris])
            // Dora's session (another group's) is closed.
            try await database.run(
                "UPDATE training_sessions SET is_closed = true WHERE id = (SELECT session_id FROM attendance_records WHERE id = $1)", [scene.otherRecord]
            )
            let before = try await Self.statuses(scene, database)
            _ = try await browser.get("/admin/attendance/")
            let selected = [anna, boris, clara, scene.otherRecord].map { ("selected", String($0)) }
            let page = try await browser.post("/admin/attendance/actions", [("list_query", ""), ("action", "mark_present")] + selected)
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("“Mark selected as present” will change these 2 rows:"))
            #expect(text.contains(#"<li>Anna Ivanova, 2026-11-10 <span class="confirm-list__change">Status: \#(Self.shown("late")) → \#(Self.shown("present"))</span> <span class="confirm-list__beside">Note: Came 10 min late</span></li>"#))
            #expect(text.contains(#"<li>Boris Petrov, 2026-11-10 <span class="confirm-list__change">Status: \#(Self.shown("excused")) → \#(Self.shown("present"))</span></li>"#))
            #expect(text.contains("Left alone:"))
            #expect(text.contains("<li>“Clara Sokolova, 2026-11-10”: Status: already \(Self.shown("present")).</li>"))
            #expect(text.contains("<li>“Dora Belova, 2026-11-10”: The session is closed: its attendance cannot be changed. An administrator can reopen it from its journal.</li>"))
            #expect(text.contains(">Yes, mark selected as present</button>"))
            #expect(try await Self.statuses(scene, database) == before, "nothing changes before the confirmation")

            let done = try await browser.post("/admin/attendance/actions", Self.confirmation(text))
            #expect(done.status == .seeOther)
            let list = try await browser.follow(done)
            #expect(list.text.contains("“Mark selected as present”: 2 rows changed."))
            #expect(try await Self.statuses(scene, database) == """
                Anna Ivanova=present/Came 10 min late/v2, Boris Petrov=present//v2, Clara Sokolova=present//v1, Dora Belova=present//v1
                """)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'attendance' AND action = 'change'", as: Int.self) == 2)
        }
    }

    @Test("a row changed after the confirmation page was shown is left alone; a stale or forged version changes nothing; without the CSRF token nothing happens")
    func staleAndForged() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let anna = scene.records["Anna Ivanova"]!, boris = scene.records["Boris Petrov"]!
            _ = try await browser.get("/admin/attendance/")
            let page = try await browser.post("/admin/attendance/actions", [
                ("list_query", ""), ("action", "mark_absent"), ("selected", String(anna)), ("selected", String(boris)),
            ])
            let confirmation = Self.confirmation(page.text)
            // Someone marks Boris excused after the page was shown.
            try await database.run("UPDATE attendance_records SET status = 'excused', version = version + 1 WHERE id = $1", [boris])
            let noToken = try await browser.post("/admin/attendance/actions", confirmation, csrf: .some(nil))
            #expect(noToken.status == .forbidden)
            #expect(try await AttendanceAdminTests.status(anna, database).hasPrefix("present|"))
            let done = try await browser.follow(try await browser.post("/admin/attendance/actions", confirmation))
            #expect(done.text.contains("“Mark selected as absent”: 1 row changed."))
            #expect(done.text.contains("“Boris Petrov, 2026-11-10”: Someone changed it after you confirmed: nothing was changed. Look at it again."))
            #expect(try await AttendanceAdminTests.status(anna, database).hasPrefix("absent|"))
            #expect(try await AttendanceAdminTests.status(boris, database).hasPrefix("excused|"))
        }
    }

    @Test("hostile confirmations answer with a message, never a 5xx, and a version that is not the row's changes nothing", arguments: [
        "abc", "-1", "0", "99999999999999999999", "", "1e3", "<script>",
    ])
    func hostileVersions(version: String) async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let anna = scene.records["Anna Ivanova"]!
            _ = try await browser.get("/admin/attendance/")
            let done = try await browser.post("/admin/attendance/actions", [
                ("action", "mark_late"), ("selected", String(anna)), ("selected", "-5"), ("selected", "x"), ("confirm", "yes"), ("version-\(anna)", version),
            ])
            #expect(done.status.code < 500)
            let answer = try await browser.post("/admin/attendance/actions", [
                ("action", "mark_absent"), ("selected", String(anna)), ("confirm", "yes"), ("version-\(anna)", version),
            ])
            #expect(answer.status == .seeOther)
            let page = try await browser.follow(answer)
            // A number that is not the row's version is stale; anything else is no version at all (the row as it is now).
            let stale = Int(version) != nil
            #expect(page.text.contains(stale ? "Someone changed it after you confirmed" : "1 row changed."))
            #expect(try await AttendanceAdminTests.status(anna, database).hasPrefix(stale ? "present|" : "absent|"))
        }
    }

    @Test("a coach's selection with another coach's record: the page says one selected row is not theirs, and the confirmed POST never changes it")
    func someoneElsesRecord() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            let coachEmail: String = try await database.value("SELECT email::text FROM users WHERE id = $1", [scene.fixture.coach])
            var coach = Browser(client)
            try await coach.signIn(coachEmail)
            let anna = scene.records["Anna Ivanova"]!
            _ = try await coach.get("/admin/attendance/")
            let fields = [("list_query", ""), ("action", "mark_excused"), ("selected", String(anna)), ("selected", String(scene.otherRecord))]
            let page = try await coach.post("/admin/attendance/actions", fields)
            #expect(page.status == .ok)
            #expect(page.text.contains("1 selected row is not yours to change or no longer exists."))
            #expect(!page.text.contains("Dora Belova"))
            // Even posted as confirmed, with a version, the other coach's record is not touched.
            let done = try await coach.follow(try await coach.post("/admin/attendance/actions", fields + [
                ("confirm", "yes"), ("version-\(scene.otherRecord)", "1"),
            ]))
            #expect(done.text.contains("“Mark selected as excused”: 1 row changed."))
            #expect(try await AttendanceAdminTests.status(anna, database).hasPrefix("excused|"))
            #expect(try await AttendanceAdminTests.status(scene.otherRecord, database).hasPrefix("present|"))
            let onlyTheirs = try await coach.follow(try await coach.post("/admin/attendance/actions", [
                ("action", "mark_excused"), ("selected", String(scene.otherRecord)), ("confirm", "yes"),
            ]))
            #expect(onlyTheirs.text.contains("None of the selected rows exist any more, or none is yours to change: nothing was changed."))
        }
    }

    @Test("the list: no action is chosen beforehand; Go without one re-shows the list with the message beside the menu and the rows still selected; Save at the top and the bottom; a closed session's or an archived group's rows say why they have no inputs")
    func listSafety() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let anna = scene.records["Anna Ivanova"]!, boris = scene.records["Boris Petrov"]!
            let list = try await browser.get("/admin/attendance/")
            #expect(list.text.contains(#"<option value="">Choose an action</option><option value="mark_present">"#))
            #expect(list.text.components(separatedBy: ">Save changes</button>").count == 3, "Save at the top and at the bottom")
            #expect(list.text.contains(#"<span class="results__locked">"#) == false)

            let again = try await browser.post("/admin/attendance/actions", [
                ("list_query", "status=present"), ("action", ""), ("selected", String(anna)), ("selected", String(boris)),
            ])
            #expect(again.status == .unprocessableContent)
            #expect(again.text.contains(#"<p class="field__error actions-bar__error" id="list-action-error" role="alert">Choose an action.</p>"#))
            #expect(again.text.contains(#"<input type="checkbox" name="selected" value="\#(anna)" checked"#))
            #expect(again.text.contains(#"<input type="checkbox" name="selected" value="\#(boris)" checked"#))
            #expect(!again.text.contains(#"value="\#(scene.records["Clara Sokolova"]!)" checked"#))
            #expect(try await AttendanceAdminTests.status(anna, database).hasPrefix("present|"))

            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [scene.session])
            let closed = try await browser.get("/admin/attendance/")
            #expect(!closed.text.contains(#"name="row-\#(anna)-status""#))
            #expect(closed.text.contains(Self.shown("present") + #" <span class="results__locked">Session closed</span></td>"#))
            #expect(closed.text.components(separatedBy: "Session closed").count == 4, "one reason in each of the three rows")

            try await database.run("UPDATE training_sessions SET is_closed = false WHERE id = $1", [scene.session])
            try await database.run("UPDATE training_groups SET is_archived = true WHERE id = $1", [scene.fixture.group])
            let archived = try await browser.get("/admin/attendance/")
            #expect(!archived.text.contains(#"name="row-\#(anna)-status""#) && !archived.text.contains("Session closed"))
            #expect(archived.text.components(separatedBy: #"<span class="results__locked">Group archived</span>"#).count == 4, "one reason in each of the three rows")
            #expect(archived.text.contains(#"name="row-\#(scene.otherRecord)-status""#), "the other group's record is still edited on the list")
        }
    }
}
