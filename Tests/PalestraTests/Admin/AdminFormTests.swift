import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Testing

@Suite("Admin engine: change forms, history, deletion")
struct AdminFormTests {
    static func addForm(email: String = "new.coach@example.org", name: String = "New Coach", role: String = "coach",
                        password: String = "bright-harbor-kettle", again: String? = nil) -> [(String, String)] {
        [("email", email), ("display_name", name), ("role", role), ("is_active", "true"), ("language", ""),
         ("password", password), ("password_confirmation", again ?? password), ("_save", "1")]
    }

    @Test("adding a user: saved with an argon2id hash at the configured cost, flash on the list, audited without the password")
    func add() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let form = try await browser.get("/admin/users/add")
            #expect(form.text.contains(#"<label for="field-email">Email"#))
            #expect(form.text.contains(#"<input type="checkbox" id="field-is_active" name="is_active" value="true" checked"#))
            let saved = try await browser.post("/admin/users/add", Self.addForm())
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/admin/users/")
            let list = try await browser.follow(saved)
            #expect(list.text.contains("The user “new.coach@example.org” was added."))
            #expect(try await browser.get("/admin/users/").text.contains("The user “new.coach@example.org” was added.") == false)
            let hash: String = try await database.value("SELECT password_hash FROM users WHERE email = 'new.coach@example.org'")
            #expect(PasswordHasher.parameters(of: hash) == .minimum)
            let audit: String = try await database.value("SELECT changes::text FROM audit_records WHERE action = 'add' AND object_label = 'new.coach@example.org'")
            #expect(audit.contains("\"role\"") && audit.contains("coach"))
            #expect(!audit.contains("bright-harbor") && !audit.contains("argon2") && !audit.contains("password"))
            var newcomer = Browser(client)
            #expect(try await newcomer.signIn("new.coach@example.org", "bright-harbor-kettle").status == .seeOther)
        }
    }

    @Test("bad input answers 422 with the message beside the field, keeps what was typed, and stores nothing", arguments: [
        (AdminFormTests.addForm(email: ""), "field-email-error", "This field is required."),
        (AdminFormTests.addForm(email: "not-an-email"), "field-email-error", "Enter a valid email address"),
        (AdminFormTests.addForm(email: "a@b"), "field-email-error", "Enter a valid email address"),
        (AdminFormTests.addForm(name: "   "), "field-display_name-error", "This field is required."),
        (AdminFormTests.addForm(name: String(repeating: "я", count: 151)), "field-display_name-error", "At most 150 characters"),
        (AdminFormTests.addForm(role: "superuser"), "field-role-error", "Choose one of the options offered."),
        (AdminFormTests.addForm(password: "qwerty123"), "field-password-error", "This password is too common"),
        (AdminFormTests.addForm(password: "bright-harbor-kettle", again: "bright-harbor-kettlf"), "field-password-error", "The two passwords do not match."),
        (AdminFormTests.addForm(email: "admin@example.org"), "field-email-error", "A user with this email address already exists."),
        (AdminFormTests.addForm(email: "ADMIN@example.org"), "field-email-error", "A user with this email address already exists."),
    ])
    func badInput(form: [(String, String)], errorID: String, message: String) async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            _ = try await browser.get("/admin/users/add")
            let response = try await browser.post("/admin/users/add", form)
            #expect(response.status == .unprocessableContent)
            let beside = try #require(response.text.firstMatch(of: try Regex(#"<p class="field__error" id="\#(errorID)">([^<]*)</p>"#)))
            #expect(String(beside.output[1].substring ?? "").contains(message))
            #expect(response.text.contains("Please correct the errors below; nothing was saved."))
            let typedName = form.first { $0.0 == "display_name" }?.1 ?? ""
            if !typedName.trimmingCharacters(in: .whitespaces).isEmpty {
                #expect(response.text.contains(#"value="\#(typedName)""#))
            }
            #expect(!response.text.contains("bright-harbor-kettle"))
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 1)
        }
    }

    @Test("posted fields the form does not declare are ignored")
    func undeclaredFields() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            _ = try await browser.get("/admin/users/\(id)/")
            let response = try await browser.post("/admin/users/\(id)/", [
                ("version", "1"), ("email", "coach@example.org"), ("display_name", "Coach"), ("role", "coach"), ("is_active", "true"),
                ("password_hash", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA"), ("last_login_at", "2001-01-01T00:00"), ("id", "999"),
                ("password", "owned-by-attacker"), ("version", "77"),
            ])
            #expect(response.status == .seeOther)
            #expect(try await database.value("SELECT password_hash LIKE '$argon2id$v=19$m=19456%' FROM users WHERE id = $1", [id], as: Bool.self))
            #expect(try await database.value("SELECT last_login_at IS NULL AND id = $1 FROM users WHERE id = $1", [id], as: Bool.self))
            #expect(try await browser.follow(response).text.contains("No fields changed."))
        }
    }

    @Test("saving over a newer version changes nothing and shows the current values with the user's own beside them")
    func staleVersion() async throws {
        try await TestApp.test { client, database in
            var first = try await Browser.signedInAdmin(client, database)
            var second = Browser(client)
            try await second.signIn("admin@example.org")
            let id = try await TestUsers.create("coach@example.org", role: .coach, name: "Old Name", in: database)
            _ = try await first.get("/admin/users/\(id)/")
            _ = try await second.get("/admin/users/\(id)/")
            let base: [(String, String)] = [("version", "1"), ("email", "coach@example.org"), ("role", "coach"), ("is_active", "true")]
            #expect(try await first.post("/admin/users/\(id)/", base + [("display_name", "First Name")]).status == .seeOther)
            let stale = try await second.post("/admin/users/\(id)/", base + [("display_name", "Second Name")])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Someone else changed this user while you were editing it. Nothing was saved."))
            #expect(stale.text.contains(#"id="field-display_name" name="display_name" value="First Name""#))
            #expect(stale.text.contains("<mark>Second Name</mark>"))
            #expect(stale.text.contains(#"name="version" value="2""#))
            #expect(try await database.value("SELECT display_name FROM users WHERE id = $1", [id], as: String.self) == "First Name")
            #expect(try await database.value("SELECT version FROM users WHERE id = $1", [id], as: Int.self) == 2)
            // Saving again from the refreshed form works.
            let retry = try await second.post("/admin/users/\(id)/", [("version", "2"), ("email", "coach@example.org"), ("role", "coach"), ("is_active", "true"), ("display_name", "Second Name"), ("_continue", "1")])
            #expect(retry.status == .seeOther)
            #expect(retry.headers[.location] == "/admin/users/\(id)/")
        }
    }

    @Test("a save that changes nothing keeps the version and the time of the last change, so a form opened before it still saves")
    func unchangedSave() async throws {
        try await TestApp.test { client, database in
            var first = try await Browser.signedInAdmin(client, database)
            var second = Browser(client)
            try await second.signIn("admin@example.org")
            let id = try await TestUsers.create("coach@example.org", role: .coach, name: "Old Name", in: database)
            let updatedAt: String = try await database.value("SELECT updated_at::text FROM users WHERE id = $1", [id])
            let audited: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'users' AND object_id = $1", [String(id)])
            _ = try await first.get("/admin/users/\(id)/")
            _ = try await second.get("/admin/users/\(id)/")
            let base: [(String, String)] = [("version", "1"), ("email", "coach@example.org"), ("role", "coach"), ("is_active", "true")]
            let unchanged = try await first.post("/admin/users/\(id)/", base + [("display_name", "Old Name")])
            #expect(unchanged.status == .seeOther)
            #expect(try await first.follow(unchanged).text.contains("No fields changed."))
            #expect(try await database.value("SELECT version FROM users WHERE id = $1", [id], as: Int.self) == 1)
            #expect(try await database.value("SELECT updated_at::text FROM users WHERE id = $1", [id], as: String.self) == updatedAt)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'users' AND object_id = $1", [String(id)], as: Int.self) == audited)
            // The other administrator's form, opened before that save, is not stale.
            let saved = try await second.post("/admin/users/\(id)/", base + [("display_name", "New Name")])
            #expect(saved.status == .seeOther)
            #expect(try await database.value("SELECT display_name || ' ' || version FROM users WHERE id = $1", [id], as: String.self) == "New Name 2")
        }
    }

    @Test("history lists who changed which fields from what to what; the audit list filters by action and actor")
    func history() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            _ = try await browser.get("/admin/users/\(id)/")
            _ = try await browser.post("/admin/users/\(id)/", [("version", "1"), ("email", "coach@example.org"), ("display_name", "Coach"), ("role", "manager"), ("is_active", "true"), ("_addanother", "1")])
            let history = try await browser.get("/admin/users/\(id)/history")
            #expect(history.status == .ok)
            #expect(history.text.contains("Ada Admin &lt;admin@example.org&gt;"))
            #expect(history.text.contains("<td>Role</td><td>Coach</td><td>Manager</td>"))
            #expect(history.text.contains("Added"))
            let audit = try await browser.get("/admin/audit/?action=change")
            #expect(audit.text.contains("1 result"))
            let adminID: Int = try await database.value("SELECT id FROM users WHERE email = 'admin@example.org'")
            let byActor = try await browser.get("/admin/audit/?actor=\(adminID)&action=login")
            #expect(byActor.text.contains("1 result"))
            let record: Int = try await database.value("SELECT id::int FROM audit_records WHERE action = 'change'")
            let readOnly = try await browser.get("/admin/audit/\(record)/")
            #expect(readOnly.status == .ok)
            #expect(!readOnly.text.contains("<input type=\"text\""))
            #expect(!readOnly.text.contains("Save and continue editing"))
            #expect(try await browser.post("/admin/audit/\(record)/", [("version", "0"), ("action", "login")]).status == .forbidden)
            #expect(try await browser.get("/admin/audit/add").status == .forbidden)
        }
    }

    @Test("deleting asks first, lists what goes with it, then deletes and audits; one's own account is refused")
    func delete() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let confirm = try await browser.get("/admin/users/\(id)/delete")
            #expect(confirm.text.contains("Delete the user “coach@example.org”? This cannot be undone."))
            #expect(confirm.text.contains("1 signed-in session"))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE id = $1", [id], as: Int.self) == 1)
            let done = try await browser.post("/admin/users/\(id)/delete")
            #expect(done.status == .seeOther)
            #expect(try await browser.follow(done).text.contains("The user “coach@example.org” was deleted."))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE id = $1", [id], as: Int.self) == 0)
            #expect(try await coach.get("/account").status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'delete' AND object_id = $1", [String(id)], as: Int.self) == 1)
            let adminID: Int = try await database.value("SELECT id FROM users WHERE email = 'admin@example.org'")
            let own = try await browser.post("/admin/users/\(adminID)/delete")
            #expect(try await browser.follow(own).text.contains("You cannot delete your own account."))
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE id = $1", [adminID], as: Int.self) == 1)
        }
    }

    @Test("an admin may not deactivate or demote themselves through the form")
    func selfProtection() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let adminID: Int = try await database.value("SELECT id FROM users WHERE email = 'admin@example.org'")
            _ = try await browser.get("/admin/users/\(adminID)/")
            let response = try await browser.post("/admin/users/\(adminID)/", [("version", "1"), ("email", "admin@example.org"), ("display_name", "Ada"), ("role", "student")])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("You cannot deactivate your own account."))
            #expect(response.text.contains("You cannot take away your own administrator role."))
            #expect(try await database.value("SELECT role FROM users WHERE id = $1", [adminID], as: String.self) == "admin")
        }
    }

    @Test("an admin sets a user's password on its own page; the user is signed out everywhere")
    func setPassword() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            _ = try await browser.get("/admin/users/\(id)/password")
            let weak = try await browser.post("/admin/users/\(id)/password", [("password", "12345678"), ("password_confirmation", "12345678")])
            #expect(weak.status == .unprocessableContent)
            #expect(weak.text.contains("This password is too common"))
            #expect(try await coach.get("/account").status == .ok)
            let done = try await browser.post("/admin/users/\(id)/password", [("password", "quiet-river-stone"), ("password_confirmation", "quiet-river-stone")])
            #expect(done.status == .seeOther)
            #expect(try await coach.get("/account").status == .seeOther)
            var again = Browser(client)
            #expect(try await again.signIn("coach@example.org", "quiet-river-stone").status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'password_set' AND object_id = $1", [String(id)], as: Int.self) == 1)
            #expect(try await browser.get("/admin/audit/\(id)/password").status == .notFound)
            // Only declared page names are routes: another name is 404, and the history (GET only) answers
            // a POST with 405 naming GET alone.
            #expect(try await browser.get("/admin/users/\(id)/nothing").status == .notFound)
            let posted = try await browser.post(AdminURL.history("users", String(id)))
            #expect(posted.status == .methodNotAllowed)
            #expect(posted.headers[.allow] == "GET, HEAD")
        }
    }
}

@Suite("Admin engine: edge cases")
struct AdminEdgeCaseTests {
    @Test("a name of 100 letters with combining accents (200 code points) gets a message, not a 500")
    func codePoints() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            _ = try await browser.get("/admin/users/add")
            let name = String(repeating: "e\u{0301}", count: 100)
            let response = try await browser.post("/admin/users/add", AdminFormTests.addForm(name: name))
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("At most 150 characters, please (this has 200)."))
        }
    }

    @Test("an absurd ordering or page never crashes the list", arguments: [
        "o=-9223372036854775808", "o=9223372036854775807.-1", "p=9223372036854775807", "o=0", "o=-0.1.1.-1",
    ])
    func absurdState(query: String) async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            #expect(try await browser.get("/admin/users/?\(query)").status == .ok)
            _ = try await browser.get("/admin/users/")
            let action = try await browser.post("/admin/users/actions", [("action", "activate"), ("select_across", "1"), ("list_query", query), ("confirm", "yes")])
            #expect(action.status == .seeOther)
        }
    }

    @Test("deactivating a user through the change form signs them out; their language is theirs")
    func deactivateThroughForm() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            #expect(try await coach.get("/account").status == .ok)
            _ = try await browser.get("/admin/users/\(id)/")
            let saved = try await browser.post("/admin/users/\(id)/", [
                ("version", "1"), ("email", "coach@example.org"), ("display_name", "Coach"), ("role", "coach"), ("language", "ru"), ("_save", "1"),
            ])
            #expect(saved.status == .seeOther)
            #expect(try await coach.get("/account").status == .seeOther)
            #expect(try await database.value("SELECT NOT is_active AND language = 'ru' FROM users WHERE id = $1", [id], as: Bool.self))
        }
    }

    @Test("an admin's own password changes on the account page, which asks for the current one")
    func ownPassword() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let adminID: Int = try await database.value("SELECT id FROM users WHERE email = 'admin@example.org'")
            let page = try await browser.get("/admin/users/\(adminID)/password")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/account")
            _ = try await browser.get("/account")
            let post = try await browser.post("/admin/users/\(adminID)/password", [("password", "quiet-river-stone"), ("password_confirmation", "quiet-river-stone")])
            #expect(post.status == .forbidden)
        }
    }
}

@Suite("Admin engine: setting a user's password")
struct UserPasswordFormTests {
    @Test("bad new passwords get a message beside the field and change nothing", arguments: [
        ("", "", "This field is required."),
        ("short", "short", "Use at least 8 characters."),
        ("quiet-river-stone", "quiet-river-stonf", "The two passwords do not match."),
        (String(repeating: "🏃", count: 257), String(repeating: "🏃", count: 257), "Use at most 256 characters."),
        ("Coach2024!", "Coach2024!", "too close to your email address or name"),
    ])
    func badInput(password: String, again: String, message: String) async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let before: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [id])
            _ = try await browser.get("/admin/users/\(id)/password")
            let response = try await browser.post("/admin/users/\(id)/password", [("password", password), ("password_confirmation", again)])
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains(#"<p class="field__error" id="user-password-error">"#))
            #expect(response.text.contains(message))
            #expect(try await database.value("SELECT password_hash FROM users WHERE id = $1", [id], as: String.self) == before)
        }
    }
}
