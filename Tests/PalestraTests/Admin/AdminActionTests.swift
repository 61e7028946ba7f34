import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Testing

@Suite("Admin engine: bulk actions")
struct AdminActionTests {
    @Test("deactivating asks for confirmation listing the users, changes nothing until confirmed, then signs them out")
    func deactivate() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            var coachBrowser = Browser(client)
            try await coachBrowser.signIn("coach@example.org")
            let adminID: Int = try await database.value("SELECT id FROM users WHERE email = 'admin@example.org'")
            _ = try await browser.get("/admin/users/?q=example")
            let confirm = try await browser.post("/admin/users/actions", [
                ("action", "deactivate"), ("selected", String(coach)), ("selected", String(student)), ("selected", String(adminID)),
                ("list_query", "q=example"),
            ])
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("Are you sure?"))
            #expect(confirm.text.contains(#"<li>coach@example.org <span class="confirm-list__change">Active: Yes → No</span></li>"#))
            #expect(confirm.text.contains("<li>student@example.org <span"))
            #expect(confirm.text.contains("1 signed-in session"))
            #expect(!confirm.text.contains("<li>admin@example.org</li>"))
            #expect(confirm.text.contains("“admin@example.org”: You cannot deactivate your own account."))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE NOT is_active", as: Int.self) == 0)
            let done = try await browser.post("/admin/users/actions", [
                ("action", "deactivate"), ("selected", String(coach)), ("selected", String(student)), ("selected", String(adminID)),
                ("list_query", "q=example"), ("confirm", "yes"),
            ])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/admin/users/?q=example")
            let list = try await browser.follow(done)
            #expect(list.text.contains("2 rows changed."))
            #expect(list.text.contains("You cannot deactivate your own account."))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE NOT is_active", as: Int.self) == 2)
            #expect(try await database.value("SELECT is_active FROM users WHERE id = $1", [adminID], as: Bool.self))
            #expect(try await coachBrowser.get("/").status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'change' AND changes::text LIKE '%is_active%'", as: Int.self) == 2)
            // Activating is confirmed too: it changes data.
            let activate = try await browser.post("/admin/users/actions", [("action", "activate"), ("selected", String(coach))])
            #expect(activate.status == .ok)
            #expect(activate.text.contains("Active: No → Yes"))
            #expect(try await database.value("SELECT is_active FROM users WHERE id = $1", [coach], as: Bool.self) == false)
            _ = try await browser.post("/admin/users/actions", [("action", "activate"), ("selected", String(coach)), ("confirm", "yes")])
            #expect(try await database.value("SELECT is_active FROM users WHERE id = $1", [coach], as: Bool.self))
        }
    }

    @Test("\"select all matching\" applies to every row the filters match, not only the page")
    func selectAcross() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await AdminChangeListTests.insertUsers(database, count: 70)
            let page = try await browser.get("/admin/users/?role=student")
            #expect(page.text.contains("Select all 70 matching"))
            let confirm = try await browser.post("/admin/users/actions", [("action", "activate"), ("select_across", "1"), ("list_query", "role=student")])
            #expect(confirm.text.contains("will change these 23 rows:"))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE NOT is_active", as: Int.self) == 23)
            let done = try await browser.post("/admin/users/actions", AttendanceBulkConfirmationTests.confirmation(confirm.text))
            #expect(done.status == .seeOther)
            #expect(try await browser.follow(done).text.contains("23 rows changed."))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE NOT is_active", as: Int.self) == 0)
            // All 70 already active: the message names the first ten left alone and counts the rest.
            let again = try await browser.follow(try await browser.post("/admin/users/actions", [
                ("action", "activate"), ("select_across", "1"), ("list_query", "role=student"), ("confirm", "yes"),
            ]))
            #expect(again.text.contains("“Activate selected users”: 0 rows changed. Left alone:"))
            #expect(again.text.contains("Active: already Yes.; …and 60 more"))
        }
    }

    @Test("delete selected: confirmation, then deletion; nothing selected or an unknown action changes nothing")
    func deleteSelected() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            _ = try await browser.get("/admin/users/")
            let nothing = try await browser.post("/admin/users/actions", [("action", "delete")])
            #expect(nothing.status == .unprocessableContent)
            #expect(nothing.text.contains("Select at least one row first."))
            let unknown = try await browser.post("/admin/users/actions", [("action", "launch-missiles"), ("selected", String(coach))])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains(#"id="list-action-error" role="alert">Choose an action.</p>"#))
            #expect(unknown.text.contains(#"value="\#(coach)" checked"#), "the selection is kept")
            let bogus = try await browser.post("/admin/users/actions", [("action", "delete"), ("selected", "999999"), ("selected", "abc")])
            #expect(try await browser.follow(bogus).text.contains("None of the selected rows exist any more, or none is yours to change: nothing was changed."))
            let confirm = try await browser.post("/admin/users/actions", [("action", "delete"), ("selected", String(coach))])
            #expect(confirm.text.contains("<li>coach@example.org</li>"))
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 2)
            let done = try await browser.post("/admin/users/actions", [("action", "delete"), ("selected", String(coach)), ("confirm", "yes")])
            #expect(try await browser.follow(done).text.contains("1 row changed."))
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 1)
        }
    }
}
