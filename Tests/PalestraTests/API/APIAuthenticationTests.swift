import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

@Suite("API authentication")
struct APIAuthenticationTests {
    @Test("without a token: 401 problem+json with WWW-Authenticate: Bearer, no cookie")
    func missing() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/api/v1/me", method: .get)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(response.headers[values: .setCookie].isEmpty)
            let problem = try APITest.problem(response)
            #expect(problem["code"] as? String == "unauthenticated")
            #expect(problem["status"] as? Int == 401)
            #expect(problem["type"] as? String == "urn:palestra:problem:unauthenticated")
            #expect(problem["title"] is String && problem["detail"] is String)
        }
    }

    @Test("a malformed, unknown or revoked token, another scheme, or a deactivated user's token: 401")
    func refused() async throws {
        try await TestApp.test { client, database in
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let revoked = try await APITest.token(for: coach, in: database)
            try await database.run("UPDATE api_tokens SET revoked_at = now()")
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let deactivated = try await APITest.token(for: student, in: database)
            try await database.run("UPDATE users SET is_active = false WHERE id = $1", [student])
            let unknown = APIToken.makeSecret()
            let headers: [(String, HTTPFields)] = [
                ("malformed", APITest.bearer("pal_short")),
                ("no prefix", APITest.bearer(SessionToken.make())),
                ("unknown", APITest.bearer(unknown)),
                ("revoked", APITest.bearer(revoked)),
                ("deactivated user", APITest.bearer(deactivated)),
                ("basic scheme", [.authorization: "Basic \(unknown)"]),
                ("empty bearer", [.authorization: "Bearer "]),
            ]
            for (label, header) in headers {
                let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: header)
                #expect(response.status == .unauthorized, "\(label)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(label)")
                #expect(try APITest.problem(response)["code"] as? String == "unauthenticated", "\(label)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens WHERE last_used_at IS NOT NULL", as: Int.self) == 0)
        }
    }

    @Test("a good token: 200 with the user's JSON, last_used_at written, no cookie, even with a browser's session cookie")
    func good() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, name: "Иван Петров", in: database)
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [id])
            let secret = try await APITest.token(for: id, in: database)
            var headers = APITest.bearer(secret)
            headers[.cookie] = "\(BrowserSessionSettings.cookieName)=\(SessionToken.make())"
            let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: headers)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            #expect(response.headers[values: .setCookie].isEmpty)
            #expect(response.headers[.cacheControl] == "no-store")
            let user = try APITest.json(response)
            #expect(user["id"] as? Int == id)
            #expect(user["email"] as? String == "coach@example.org")
            #expect(user["display_name"] as? String == "Иван Петров")
            #expect(user["role"] as? String == "coach")
            #expect(user["language"] as? String == "ru")
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens WHERE last_used_at > now() - interval '1 minute'", as: Int.self) == 1)
            // Within the minute, a second request does not write again.
            try await database.run("UPDATE api_tokens SET last_used_at = now() - interval '30 seconds'")
            let stamp: String = try await database.value("SELECT last_used_at::text FROM api_tokens")
            _ = try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.bearer(secret))
            #expect(try await database.value("SELECT last_used_at::text FROM api_tokens", as: String.self) == stamp)
        }
    }

    @Test("an unknown /api/ path answers 404 and a wrong method 405 with Allow, both as problem+json, with or without a token")
    func unmatched() async throws {
        try await TestApp.test { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let secret = try await APITest.token(for: id, in: database)
            for headers in [HTTPFields(), APITest.bearer(secret)] {
                let missing = try await client.execute(uri: "/api/v1/nothing-here", method: .get, headers: headers)
                #expect(missing.status == .notFound)
                #expect(try APITest.problem(missing)["code"] as? String == "not_found")
                #expect(missing.headers[values: .setCookie].isEmpty)
                let posted = try await client.execute(uri: "/api/v1/nothing-here", method: .post, headers: headers, body: ByteBuffer(string: "{}"))
                #expect(posted.status == .notFound)
                #expect(try APITest.problem(posted)["code"] as? String == "not_found")
                let wrong = try await client.execute(uri: "/api/v1/me", method: .delete, headers: headers)
                #expect(wrong.status == .methodNotAllowed)
                #expect(wrong.headers[.allow] == "GET, HEAD")
                #expect(try APITest.problem(wrong)["code"] as? String == "method_not_allowed")
                #expect(wrong.headers[values: .setCookie].isEmpty)
            }
        }
    }
}
