import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// Sign-in throttling that one client cannot turn against everyone (issue 15): a browser that has signed in
/// to an account before is judged by its own failures only; unknown browsers are limited per account and,
/// after a delay zone, per address.
@Suite("Login throttling: known devices")
struct DeviceThrottleTests {
    static let proxy = "203.0.113.50"

    /// A browser behind the organisation's proxy, or at an address of its own.
    static func browser(_ client: any TestClientProtocol, address: String = proxy) -> Browser {
        ThrottleTests.browser(client, address: address)
    }

    @Test("failing 50 sign-ins in the admin's name from the admin's own (proxy) address does not lock out the admin's browser")
    func lockOutFails() async throws {
        try await TestApp.test(configure: ThrottleTests.configure) { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var admin = Self.browser(client)
            #expect(try await admin.signIn("admin@example.org").status == .seeOther)
            let device = try #require(admin.cookies[LoginDeviceCookie.name])
            _ = try await admin.get(SiteURL.dashboard.path)
            #expect(try await admin.post(AccountsURL.logout.path).status == .seeOther)
            #expect(admin.cookies[LoginDeviceCookie.name] == device)

            // The attacker shares the proxy's address: 10 failures on the admin's account, 40 on others.
            var attacker = Self.browser(client)
            for attempt in 1...10 {
                #expect(try await attacker.signIn("admin@example.org", "guess-\(attempt)").status == .unprocessableContent)
            }
            try await database.run("""
                INSERT INTO login_attempts (email, address, succeeded)
                SELECT 'someone' || n || '@example.org', $1, false FROM generate_series(1, 40) AS n
                """, [Self.proxy])
            #expect(try await attacker.signIn("admin@example.org").status == .tooManyRequests)
            var stranger = Self.browser(client)
            #expect(try await stranger.signIn("admin@example.org").status == .tooManyRequests, "an unknown browser is still refused")

            // The admin's browser, same address, right password: signed in.
            #expect(try await admin.signIn("admin@example.org").status == .seeOther)
            #expect(try await admin.get("/admin/").status == .ok)
            #expect(try await database.value("SELECT count(*)::int FROM login_devices", as: Int.self) == 1)
        }
    }

    @Test("1,000 guesses against one account from 1,000 addresses, 50 at a time: 10 passwords are checked, the rest refused")
    func guessingRun() async throws {
        try await TestApp.test(configure: ThrottleTests.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var statuses: [HTTPResponse.Status] = []
            for batch in 0..<20 {
                statuses += try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for index in 0..<50 {
                        let attempt = batch * 50 + index
                        group.addTask {
                            var browser = Self.browser(client, address: "10.\(attempt / 250).\(attempt % 250).9")
                            return try await browser.signIn("coach@example.org", "guess-\(attempt)").status
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            #expect(statuses.count == 1000)
            #expect(statuses.filter { $0 == .unprocessableContent }.count == 10)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 990)
            #expect(try await database.value("SELECT count(*)::int FROM login_attempts WHERE email = 'coach@example.org'", as: Int.self) == 10)
            #expect(try await database.value("SELECT count(*)::int FROM sessions WHERE user_id IS NOT NULL", as: Int.self) == 0)
        }
    }

    @Test("a device cookie stands only for the accounts it signed in to; a made-up one counts as none")
    func deviceIsPerAccount() async throws {
        try await TestApp.test(configure: ThrottleTests.configure) { client, database in
            try await TestUsers.create("first@example.org", role: .coach, in: database)
            try await TestUsers.create("second@example.org", role: .coach, in: database)
            var browser = Self.browser(client, address: "192.0.2.10")
            #expect(try await browser.signIn("first@example.org").status == .seeOther)
            _ = try await browser.get(AccountsURL.account.path)
            #expect(try await browser.post(AccountsURL.logout.path).status == .seeOther)
            for attempt in 1...10 {
                var attacker = Self.browser(client, address: "192.0.2.\(20 + attempt)")
                _ = try await attacker.signIn("second@example.org", "guess-\(attempt)")
            }
            // The first account's device does not unlock the second account.
            #expect(try await browser.signIn("second@example.org").status == .tooManyRequests)
            var forged = Self.browser(client, address: "192.0.2.11")
            forged.cookies[LoginDeviceCookie.name] = SessionToken.make()
            #expect(try await forged.signIn("second@example.org").status == .tooManyRequests)
            // It does still sign in to the first, and gets a new device token there: the old one (a copy planted
            // elsewhere, say) stands for nothing any more.
            let before = try #require(browser.cookies[LoginDeviceCookie.name])
            #expect(try await browser.signIn("first@example.org").status == .seeOther)
            let after = try #require(browser.cookies[LoginDeviceCookie.name])
            #expect(after != before)
            let known = "SELECT count(*)::int FROM login_devices WHERE token_hash = sha256(convert_to($1, 'UTF8'))"
            #expect(try await database.value(known, [before], as: Int.self) == 0)
            #expect(try await database.value(known, [after], as: Int.self) == 1)
        }
    }

    @Test("a known browser's own failures lock that browser, not the account for others; an administrator's reset forgets the account's browsers")
    func deviceOwnLimit() async throws {
        try await TestApp.test(configure: ThrottleTests.configure) { client, database in
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var browser = Self.browser(client, address: "192.0.2.30")
            #expect(try await browser.signIn("coach@example.org").status == .seeOther)
            _ = try await browser.get(AccountsURL.account.path)
            #expect(try await browser.post(AccountsURL.logout.path).status == .seeOther)
            for attempt in 1...10 {
                #expect(try await browser.signIn("coach@example.org", "guess-\(attempt)").status == .unprocessableContent)
            }
            let refused = try await browser.signIn("coach@example.org")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Too many failed sign-ins. Try again after"))
            var other = Self.browser(client, address: "192.0.2.31")
            #expect(try await other.signIn("coach@example.org").status == .seeOther, "the account itself is not locked")
            #expect(try await database.value("SELECT count(*)::int FROM login_devices WHERE user_id = $1", [coach], as: Int.self) == 2)

            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var admin = Self.browser(client, address: "192.0.2.32")
            _ = try await admin.signIn("admin@example.org")
            _ = try await admin.get(AdminURL.objectPage(.value("users"), .value(String(coach)), page: .value("password")).path)
            let reset = try await admin.post(
                AdminURL.objectPage(.value("users"), .value(String(coach)), page: .value("password")).path,
                [("password", "quiet-river-stone"), ("password_confirmation", "quiet-river-stone")]
            )
            #expect(reset.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM login_devices WHERE user_id = $1", [coach], as: Int.self) == 0)
        }
    }

    @Test("past 20 failures an address's attempts wait a little longer each (up to 3 s) and are still answered; past 50 refused")
    func addressDelay() async throws {
        let policy = LoginThrottlePolicy()
        #expect(policy.delay(afterAddressFailures: 0) == .zero)
        #expect(policy.delay(afterAddressFailures: 19) == .zero)
        #expect(policy.delay(afterAddressFailures: 20) == .milliseconds(200))
        #expect(policy.delay(afterAddressFailures: 24) == .milliseconds(1000))
        #expect(policy.delay(afterAddressFailures: 49) == .seconds(3))
        try await TestApp.test(configure: ThrottleTests.configure) { client, database in
            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            try await database.run("""
                INSERT INTO login_attempts (email, address, succeeded)
                SELECT 'someone' || n || '@example.org', '198.51.100.7', false FROM generate_series(1, 21) AS n
                """)
            var slowed = Self.browser(client, address: "198.51.100.7")
            #expect(try await slowed.signIn("coach@example.org").status == .seeOther, "in the delay zone, the right password still signs in")
        }
    }
}

@Suite("Behind a proxy without PALESTRA_CLIENT_ADDRESS_HEADER")
struct ProxyHeaderWarningTests {
    @Test("the first request with X-Forwarded-For or Forwarded logs one warning; none when the header is configured")
    func warnsOnce() async throws {
        for configured in [false, true] {
            try await TestDatabase.with { database in
                let log = CapturedLog()
                var configuration = TestApp.configuration(database: database.configuration)
                if configured { configuration.clientAddressHeader = "X-Forwarded-For" }
                let app = try await buildApplication(configuration: configuration, logger: log.logger, migrate: false, periodicJobs: [])
                try await app.test(.router) { client in
                    _ = try await client.execute(uri: "/login", method: .get)
                    _ = try await client.execute(uri: "/login", method: .get, headers: [HTTPField.Name("X-Forwarded-For")!: "198.51.100.1"])
                    _ = try await client.execute(uri: "/login", method: .get, headers: [HTTPField.Name("Forwarded")!: "for=198.51.100.2"])
                }
                let warnings = log.all.filter { $0.level == .warning && $0.message.contains("PALESTRA_CLIENT_ADDRESS_HEADER is not set") }
                #expect(warnings.count == (configured ? 0 : 1), "configured: \(configured)")
            }
        }
    }
}
