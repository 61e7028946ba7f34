import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Testing

@Suite("Login throttling")
struct ThrottleTests {
    /// Behind a proxy header, so each browser can come from its own address.
    static func configure(_ configuration: inout AppConfiguration) {
        configuration.clientAddressHeader = "X-Forwarded-For"
    }

    static func browser(_ client: any TestClientProtocol, address: String) -> Browser {
        var browser = Browser(client)
        browser.extraHeaders[HTTPField.Name("X-Forwarded-For")!] = "198.51.100.200, \(address)"
        return browser
    }

    @Test("past 10 failures an account is refused, even with the right password, until the window passes; others are unaffected")
    func perAccount() async throws {
        try await TestApp.test(configure: Self.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            try await TestUsers.create("other@example.org", role: .coach, in: database)
            for attempt in 1...10 {
                var browser = Self.browser(client, address: "192.0.2.\(attempt)")
                #expect(try await browser.signIn("coach@example.org", "wrong-password-\(attempt)").status == .unprocessableContent)
            }
            var browser = Self.browser(client, address: "192.0.2.99")
            let refused = try await browser.signIn("coach@example.org")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Too many failed sign-ins. Try again after"))
            let retryAfter = try #require(refused.headers[.retryAfter].flatMap(Int.init))
            #expect(retryAfter > 14 * 60 && retryAfter <= 15 * 60)
            #expect(browser.sessionToken != nil)
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id IS NOT NULL", as: Int.self) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'login_throttled'", as: Int.self) == 1)
            // Another account, same address: fine.
            #expect(try await browser.signIn("other@example.org").status == .seeOther)
            // The window passes: the account opens again.
            try await database.run("UPDATE login_attempts SET attempted_at = attempted_at - interval '15 minutes 1 second'")
            var later = Self.browser(client, address: "192.0.2.99")
            #expect(try await later.signIn("coach@example.org").status == .seeOther)
        }
    }

    @Test("past 50 failures from one address, attempts from it are refused for every account; other addresses are not")
    func perAddress() async throws {
        try await TestApp.test(configure: Self.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            // 50 failures from one address, spread over accounts so no account reaches its own limit.
            try await database.run(
                """
                INSERT INTO login_attempts (email, address, succeeded)
                SELECT 'guess' || n || '@example.org', '203.0.113.7', false FROM generate_series(1, 49) AS n
                """
            )
            var attacker = Self.browser(client, address: "203.0.113.7")
            #expect(try await attacker.signIn("guess50@example.org", "wrong-password").status == .unprocessableContent)
            #expect(try await attacker.signIn("coach@example.org").status == .tooManyRequests)
            var neighbour = Self.browser(client, address: "203.0.113.8")
            #expect(try await neighbour.signIn("coach@example.org").status == .seeOther)
        }
    }

    @Test("wrong passwords sent all at once still stop at the limit: at most 10 are checked, the rest refused")
    func concurrentFailures() async throws {
        try await TestApp.test(configure: Self.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for attempt in 1...24 {
                    group.addTask {
                        var browser = Self.browser(client, address: "192.0.2.\(attempt)")
                        return try await browser.signIn("coach@example.org", "wrong-password-\(attempt)").status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 10)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 14)
            #expect(try await database.value("SELECT count(*)::int FROM login_attempts WHERE NOT succeeded", as: Int.self) == 10)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'login_throttled'", as: Int.self) <= 14)
            var browser = Self.browser(client, address: "192.0.2.200")
            #expect(try await browser.signIn("coach@example.org").status == .tooManyRequests)
        }
    }

    @Test("wrong current passwords on the account page count too: a stolen session cannot guess at leisure")
    func currentPassword() async throws {
        try await TestApp.test(configure: Self.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var browser = Self.browser(client, address: "192.0.2.1")
            try await browser.signIn("coach@example.org")
            _ = try await browser.get("/account")
            for attempt in 1...10 {
                let response = try await browser.post("/account/password", [
                    ("current_password", "guess-\(attempt)"), ("new_password", "fresh-meadow-lantern"), ("new_password_confirmation", "fresh-meadow-lantern"),
                ])
                #expect(response.text.contains("This is not your current password."))
            }
            let refused = try await browser.post("/account/password", [
                ("current_password", TestUsers.password), ("new_password", "fresh-meadow-lantern"), ("new_password_confirmation", "fresh-meadow-lantern"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("Too many wrong passwords."))
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'password_change'", as: Int.self) == 0)
        }
    }

    @Test("refusals of a locked account are audited once per window, not once per request; a password typed as email is not")
    func auditFlood() async throws {
        try await TestApp.test(configure: Self.configure) { client, database in
            try await database.run(
                "INSERT INTO login_attempts (email, address, succeeded) SELECT 'coach@example.org', '192.0.2.1', false FROM generate_series(1, 10)"
            )
            var browser = Self.browser(client, address: "192.0.2.1")
            for _ in 1...5 { #expect(try await browser.signIn("coach@example.org", "x-password").status == .tooManyRequests) }
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE action = 'login_throttled'", as: Int.self) == 1)
            var other = Self.browser(client, address: "192.0.2.2")
            _ = try await other.signIn("my-secret-Passw0rd", "whatever-password")
            let labels: String = try await database.value("SELECT string_agg(coalesce(object_label, ''), ' ') FROM audit_records")
            #expect(!labels.contains("my-secret-Passw0rd"))
            #expect(labels.contains("(not an email address)"))
        }
    }
}
