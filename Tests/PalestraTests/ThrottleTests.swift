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

    @Test("concurrent failures from many processes' worth of requests still lock the account")
    func concurrentFailures() async throws {
        try await TestApp.test(configure: Self.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for attempt in 1...12 {
                    group.addTask {
                        var browser = Self.browser(client, address: "192.0.2.\(attempt)")
                        _ = try await browser.signIn("coach@example.org", "wrong-password-\(attempt)")
                    }
                }
                try await group.waitForAll()
            }
            var browser = Self.browser(client, address: "192.0.2.200")
            #expect(try await browser.signIn("coach@example.org").status == .tooManyRequests)
        }
    }
}
