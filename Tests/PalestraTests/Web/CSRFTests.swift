import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

@Suite("CSRF")
struct CSRFTests {
    /// A signed-in admin's browser and the id of a user it may change.
    static func setUp(_ client: any TestClientProtocol, _ database: TestDatabase) async throws -> (Browser, Int) {
        try await TestUsers.create("admin@example.org", role: .admin, in: database)
        let target = try await TestUsers.create("coach@example.org", role: .coach, in: database)
        var browser = Browser(client)
        try await browser.signIn("admin@example.org")
        _ = try await browser.get("/admin/users/\(target)/")
        return (browser, target)
    }

    static func form(_ name: String) -> [(String, String)] {
        [("version", "1"), ("email", "coach@example.org"), ("display_name", name), ("role", "coach"), ("is_active", "true")]
    }

    @Test("a missing, wrong or another session's token answers 403 and changes nothing")
    func tokens() async throws {
        try await TestApp.test { client, database in
            var (browser, target) = try await Self.setUp(client, database)
            var other = Browser(client)
            _ = try await other.get("/login")
            let foreign = try #require(other.csrfToken)
            for csrf: String? in [nil, "", "x", String(repeating: "A", count: 43), foreign] {
                let response = try await browser.post("/admin/users/\(target)/", Self.form("Forged"), csrf: .some(csrf))
                #expect(response.status == .forbidden, "token \(csrf ?? "none")")
                #expect(response.text.contains("Forbidden") || response.text.contains("not allowed"))
            }
            #expect(try await database.value("SELECT display_name FROM users WHERE id = $1", [target], as: String.self) == "Coach")
            let good = try await browser.post("/admin/users/\(target)/", Self.form("Renamed"))
            #expect(good.status == .seeOther)
            #expect(try await database.value("SELECT display_name FROM users WHERE id = $1", [target], as: String.self) == "Renamed")
        }
    }

    @Test("a cross-site POST is refused even with the right token", arguments: [
        ("Origin", "https://evil.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"),
    ])
    func crossSite(header: String, value: String) async throws {
        try await TestApp.test { client, database in
            var (browser, target) = try await Self.setUp(client, database)
            let response = try await browser.post("/admin/users/\(target)/", Self.form("Forged"), headers: [HTTPField.Name(header)!: value])
            #expect(response.status == .forbidden)
            #expect(try await database.value("SELECT display_name FROM users WHERE id = $1", [target], as: String.self) == "Coach")
        }
    }

    @Test("a same-origin POST (Origin matches the host the test client names, localhost) is accepted")
    func sameOrigin() async throws {
        try await TestApp.test { client, database in
            var (browser, target) = try await Self.setUp(client, database)
            let response = try await browser.post(
                "/admin/users/\(target)/", Self.form("Same origin"),
                headers: [.secFetchSite: "same-origin", .origin: "http://localhost"]
            )
            #expect(response.status == .seeOther)
        }
    }

    @Test("the login form needs its pre-login session's token too; logout needs one")
    func loginAndLogout() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            let noSession = try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: .init(string: "email=admin%40example.org&password=\(TestUsers.password)")
            )
            #expect(noSession.status == .seeOther)
            #expect(noSession.headers[.location] == "/login?expired=1")
            var browser = Browser(client)
            _ = try await browser.get("/login")
            let forged = try await browser.post("/login", [("email", "admin@example.org"), ("password", TestUsers.password)], csrf: .some("nope"))
            #expect(forged.status == .forbidden)
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id IS NOT NULL", as: Int.self) == 0)
            try await browser.signIn("admin@example.org")
            #expect(try await browser.post(AccountsURL.logout.path, csrf: .some(nil)).status == .forbidden)
            #expect(try await browser.get("/").status == .ok)
        }
    }
}

@Suite("CSRF on every form")
struct CSRFEveryFormTests {
    @Test("every POST route refuses a forged token with 403 and changes nothing")
    func everyRoute() async throws {
        try await TestApp.test { client, database in
            var (browser, target) = try await CSRFTests.setUp(client, database)
            let before: Int = try await database.value("SELECT count(*)::int FROM audit_records")
            let routes: [(String, [(String, String)])] = [
                ("/account", [("language", "ru")]),
                ("/account/password", [("current_password", TestUsers.password), ("new_password", "fresh-meadow-lantern"), ("new_password_confirmation", "fresh-meadow-lantern")]),
                ("/admin/users/add", AdminFormTests.addForm()),
                ("/admin/users/\(target)/", CSRFTests.form("Forged")),
                ("/admin/users/\(target)/delete", []),
                ("/admin/users/\(target)/password", [("password", "quiet-river-stone"), ("password_confirmation", "quiet-river-stone")]),
                ("/admin/users/actions", [("action", "deactivate"), ("selected", String(target)), ("confirm", "yes")]),
                (AccountsURL.logout.path, []),
            ]
            for (path, fields) in routes {
                let response = try await browser.post(path, fields, csrf: .some("forged-token-forged-token-forged-token-abcd"))
                #expect(response.status == .forbidden, "POST \(path)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM audit_records", as: Int.self) == before)
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 2)
            #expect(try await browser.get("/account").status == .ok)
        }
    }

    @Test("a login form whose pre-login session expired starts again with a message, signing nobody in")
    func expiredLoginForm() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            _ = try await browser.get("/login")
            try await database.run("UPDATE sessions SET expires_at = now() - interval '1 second'")
            let response = try await browser.post("/login", [("email", "admin@example.org"), ("password", TestUsers.password)])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?expired=1")
            #expect(try await browser.follow(response).text.contains("The sign-in form had expired."))
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id IS NOT NULL", as: Int.self) == 0)
        }
    }
}
