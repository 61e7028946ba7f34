import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

@Suite("Login, sessions and logout")
struct LoginTests {
    @Test("signing in gives a new session token (no fixation), records last login and the audit, and lands on next")
    func signIn() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var browser = Browser(client)
            let page = try await browser.get("/account")
            #expect(page.status == .seeOther)
            #expect(page.headers[.location] == "/login?next=%2Faccount")
            _ = try await browser.get("/login?next=%2Faccount")
            let preLogin = try #require(browser.sessionToken)
            let response = try await browser.post("/login", [("email", "Coach@Example.org"), ("password", TestUsers.password), ("next", "/account")])
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/account")
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
            let signedIn = try #require(browser.sessionToken)
            #expect(signedIn != preLogin)
            // The planted (pre-login) token is worth nothing now.
            let planted = try await client.execute(uri: "/account", method: .get, headers: [.cookie: "palestra_session=\(preLogin)"])
            #expect(planted.status == .seeOther)
            let account = try await browser.get("/account")
            #expect(account.status == .ok)
            #expect(account.text.contains("coach@example.org"))
            #expect(account.headers[.cacheControl] == "no-store")
            #expect(try await database.value("SELECT last_login_at IS NOT NULL FROM users WHERE id = $1", [id], as: Bool.self))
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'login' AND actor_id = $1", [id], as: Int.self) == 1)
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id = $1", [id], as: Int.self) == 1)
        }
    }

    @Test("an unknown email and a wrong password get the same answer; both are audited without the password")
    func sameAnswer() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("student@example.org", role: .student, in: database)
            var browser = Browser(client)
            let wrong = try await browser.signIn("student@example.org", "not-the-password-1")
            let unknown = try await browser.signIn("nobody@example.org", "not-the-password-1")
            #expect(wrong.status == .unprocessableContent)
            #expect(unknown.status == wrong.status)
            let strip = { (page: String) in page.replacing(/value="[A-Za-z0-9_-]{43}"/, with: "").replacing(/value="[^"]*@example.org"/, with: "") }
            #expect(strip(wrong.text) == strip(unknown.text))
            #expect(wrong.text.contains("The email address or the password is not right."))
            #expect(!wrong.text.contains("not-the-password-1"))
            let audit: String = try await database.value("SELECT string_agg(coalesce(object_label, '') || changes::text, ' ') FROM audit_records WHERE action = 'login_failed'")
            #expect(audit.contains("student@example.org") && audit.contains("nobody@example.org"))
            #expect(!audit.contains("not-the-password-1"))
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id IS NOT NULL", as: Int.self) == 0)
        }
    }

    @Test("an inactive account cannot sign in, with the same message as a wrong password")
    func inactive() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("old@example.org", role: .coach, in: database)
            try await database.run("UPDATE users SET is_active = false WHERE id = $1", [id])
            var browser = Browser(client)
            let response = try await browser.signIn("old@example.org")
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("The email address or the password is not right."))
        }
    }

    @Test("empty and hostile login input answers with messages beside the fields, never 500")
    func badLoginInput() async throws {
        try await TestApp.test { client, _ in
            var browser = Browser(client)
            _ = try await browser.get("/login")
            let empty = try await browser.post("/login", [("email", ""), ("password", "")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("Enter your email address."))
            #expect(empty.text.contains("Enter your password."))
            let hostile = try await browser.post("/login", [("email", "<script>alert(1)</script>" + String(repeating: "x", count: 5000)), ("password", "x")])
            #expect(hostile.status == .unprocessableContent)
            #expect(!hostile.text.contains("<script>alert"))
            #expect(hostile.text.contains("&lt;script&gt;"))
            let offsite = try await browser.signIn("a@b.cd", "whatever-password", next: "//evil.example/")
            #expect(offsite.status == .unprocessableContent)
            #expect(!offsite.text.contains("//evil.example"))
        }
    }

    @Test("next never leads off the site", arguments: ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"])
    func safeNext(next: String) async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            let response = try await browser.signIn("admin@example.org", next: next)
            #expect(response.headers[.location] == "/")
        }
    }

    @Test("logout is a POST that deletes the session; the old cookie no longer opens pages")
    func logout() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let token = try #require(browser.sessionToken)
            _ = try await browser.get("/")
            #expect(try await browser.get(AccountsURL.logout.path).status == .methodNotAllowed)
            let out = try await browser.post(AccountsURL.logout.path)
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/login?signed-out=1")
            #expect(browser.sessionToken == nil)
            let reused = try await client.execute(uri: "/", method: .get, headers: [.cookie: "palestra_session=\(token)"])
            #expect(reused.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id IS NOT NULL", as: Int.self) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'logout'", as: Int.self) == 1)
        }
    }

    @Test("a session idle too long or past its lifetime has ended")
    func expiry() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            #expect(try await browser.get("/").status == .ok)
            try await database.run("UPDATE sessions SET last_seen_at = now() - interval '12 hours 1 minute' WHERE user_id IS NOT NULL")
            #expect(try await browser.get("/").status == .seeOther)
            try await browser.signIn("admin@example.org")
            try await database.run("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id IS NOT NULL")
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test("the cookie is Secure when configured for HTTPS")
    func secureCookie() async throws {
        try await TestApp.test(configure: { $0.browserSessions.secureCookie = true }) { client, _ in
            let response = try await client.execute(uri: "/login", method: .get)
            #expect(response.headers[.setCookie]?.contains("Secure") == true)
        }
    }

    @Test("a stored hash below the current parameters is re-hashed at the next sign-in")
    func rehash() async throws {
        try await TestApp.test(configure: { $0.argon2 = Argon2Parameters(memoryKiB: 19456, iterations: 3, parallelism: 1)! }) { client, database in
            let id = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            let before: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [id])
            #expect(PasswordHasher.parameters(of: before) == .minimum)
            var browser = Browser(client)
            #expect(try await browser.signIn("admin@example.org").status == .seeOther)
            let after: String = try await database.value("SELECT password_hash FROM users WHERE id = $1", [id])
            #expect(PasswordHasher.parameters(of: after) == Argon2Parameters(memoryKiB: 19456, iterations: 3, parallelism: 1))
            #expect(after.hasPrefix("$argon2id$v=19$m=19456,t=3,p=1$"))
            browser = Browser(client)
            #expect(try await browser.signIn("admin@example.org").status == .seeOther)
        }
    }
}

@Suite("Session settings")
struct SessionSettingsTests {
    @Test("configured lifetimes reach the cookie and the stored session")
    func configured() async throws {
        try await TestApp.test(configure: { $0.browserSessions = BrowserSessionSettings(idleTimeout: .seconds(3600), lifetime: .seconds(2 * 86400)) }) { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            let response = try await browser.signIn("admin@example.org")
            #expect(response.headers[.setCookie]?.contains("Max-Age=172800") == true)
            let seconds: Double = try await database.value("SELECT extract(epoch FROM expires_at - now())::float8 FROM sessions WHERE user_id IS NOT NULL")
            #expect(seconds > 2 * 86400 - 120 && seconds <= 2 * 86400)
            try await database.run("UPDATE sessions SET last_seen_at = now() - interval '61 minutes' WHERE user_id IS NOT NULL")
            #expect(try await browser.get("/").status == .seeOther)
        }
    }
}
