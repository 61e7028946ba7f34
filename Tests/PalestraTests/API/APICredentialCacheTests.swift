import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// Checked API tokens kept for a moment (``APICredentialCache``): a revocation through the server empties it at
/// once; one made behind its back (SQL, another process) or a user deactivated is taken no longer than its lifetime.
@Suite("API tokens: the credential cache")
struct APICredentialCacheTests {
    static func me(_ client: any TestClientProtocol, _ secret: String) async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.bearer(secret)).status
    }

    @Test("kept for its lifetime only, never with a lifetime of zero, and never more than its capacity")
    func entries() throws {
        let credential = APICredential(tokenID: 1, user: User(id: 2, email: "a@example.org", displayName: "A", role: .student, language: nil))
        let start = ContinuousClock.now
        let cache = APICredentialCache(lifetime: .seconds(1))
        #expect(cache.credential(for: "pal_x", now: start) == nil)
        cache.keep(credential, for: "pal_x", now: start)
        #expect(cache.credential(for: "pal_x", now: start + .milliseconds(999)) == credential)
        #expect(cache.credential(for: "pal_x", now: start + .seconds(1)) == nil)
        #expect(cache.credential(for: "pal_y", now: start) == nil)
        cache.removeAll()
        #expect(cache.credential(for: "pal_x", now: start) == nil)

        let off = APICredentialCache(lifetime: .zero)
        off.keep(credential, for: "pal_x", now: start)
        #expect(off.count == 0 && off.credential(for: "pal_x", now: start) == nil)

        for index in 0..<APICredentialCache.capacity { cache.keep(credential, for: "pal_\(index)", now: start) }
        #expect(cache.count == APICredentialCache.capacity)
        // Full of live entries: all go, the new one stays.
        cache.keep(credential, for: "pal_new", now: start)
        #expect(cache.count == 1 && cache.credential(for: "pal_new", now: start) == credential)
        // Full with expired ones among them: only those go.
        for index in 0..<(APICredentialCache.capacity - 1) { cache.keep(credential, for: "pal_\(index)", now: start - .seconds(5)) }
        cache.keep(credential, for: "pal_late", now: start)
        #expect(cache.count == 2 && cache.credential(for: "pal_new", now: start) == credential)
    }

    @Test("a token revoked behind the server's back is taken until its entry ends; revoked through the server, refused at once")
    func revocation() async throws {
        try await TestApp.test(configure: { $0.apiTokenCache = .seconds(60) }) { client, database in
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let first = try await APITest.token(for: coach, name: "first", in: database)
            let second = try await APITest.token(for: coach, name: "second", in: database)
            #expect(try await Self.me(client, first) == .ok)
            #expect(try await Self.me(client, second) == .ok)
            // Behind its back: the cache still answers for both.
            try await database.run("UPDATE api_tokens SET revoked_at = now() WHERE name = 'first'")
            #expect(try await Self.me(client, first) == .ok)
            // Through the server (the account page): every entry goes, so the first is refused now too.
            var browser = Browser(client)
            try await browser.signIn("coach@example.org")
            _ = try await browser.get("/account")
            let id: Int = try await database.value("SELECT id::int FROM api_tokens WHERE name = 'second'")
            #expect(try await browser.post("/account/tokens", [("revoke", String(id))]).status == .seeOther)
            #expect(try await Self.me(client, second) == .unauthorized)
            #expect(try await Self.me(client, first) == .unauthorized)
        }
    }

    @Test("with the default second, a user deactivated in the database is refused within it; with zero, at once")
    func lifetime() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let secret = try await APITest.token(for: student, in: database)
            #expect(try await Self.me(client, secret) == .ok)
            try await database.run("UPDATE users SET is_active = false WHERE id = $1", [student])
            let deactivated = ContinuousClock.now
            try await eventually("the deactivated user's token is refused") { try await Self.me(client, secret) == .unauthorized }
            #expect(ContinuousClock.now - deactivated < .seconds(3))
        }
        try await TestApp.test(configure: { $0.apiTokenCache = .zero }) { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let secret = try await APITest.token(for: student, in: database)
            #expect(try await Self.me(client, secret) == .ok)
            try await database.run("UPDATE api_tokens SET revoked_at = now()")
            #expect(try await Self.me(client, secret) == .unauthorized)
        }
    }
}
