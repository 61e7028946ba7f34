import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Postgres
import Testing

@Suite("API error format")
struct APIErrorFormatTests {
    struct Greeting: Decodable {
        let name: String
        let times: Int
    }

    /// A test-only endpoint on the API surface: `POST /api/test/greetings` with `{name, times}`, and
    /// `POST /api/test/conflict`, which breaks a unique constraint; both limited to 3 a minute per address.
    static let routes: SurfaceTestApp.AddRoutes = { surfaces, database in
        let api = surfaces.api.adding(
            RateLimitMiddleware(RateLimit(bucket: "api-test", limit: 3, window: .seconds(60)), store: RateLimitStore(database: database))
        )
        api.post(TestRoute("/api/test/greetings")) { request, context -> Response in
            let greeting = try await request.decodeJSON(as: Greeting.self, context: context)
            return Response(status: .created, body: .init(byteBuffer: ByteBuffer(string: "\(greeting.name) ×\(greeting.times) by \(context.user.id)")))
        }
        api.post(TestRoute("/api/test/conflict")) { _, _ -> Response in
            try await database.execute("INSERT INTO site_secrets (name, value) VALUES ('same', decode(repeat('00', 32), 'hex'))")
            try await database.execute("INSERT INTO site_secrets (name, value) VALUES ('same', decode(repeat('00', 32), 'hex'))")
            return Response(status: .ok)
        }
    }

    static func post(_ client: any TestClientProtocol, _ path: String, _ body: String, headers: HTTPFields, address: String = "198.51.100.1") async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        headers[.xForwardedFor] = address
        return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    static func forwarded(_ configuration: inout AppConfiguration) {
        configuration.clientAddressHeader = "X-Forwarded-For"
    }

    @Test("a POST with a browser's cookies and no CSRF field is judged by its token alone")
    func tokenOnly() async throws {
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: Self.routes) { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let secret = try await APITest.token(for: id, in: database)
            let cookies: HTTPFields = [.cookie: "\(BrowserSessionSettings.cookieName)=\(SessionToken.make()); \(Visitor.cookieName)=\(SessionToken.make())"]
            var withToken = cookies
            withToken[.authorization] = "Bearer \(secret)"
            let accepted = try await Self.post(client, "/api/test/greetings", #"{"name": "Ann", "times": 2}"#, headers: withToken)
            #expect(accepted.status == .created)
            #expect(accepted.text == "Ann ×2 by \(id)")
            #expect(accepted.headers[values: .setCookie].isEmpty)
            let refused = try await Self.post(client, "/api/test/greetings", #"{"name": "Ann", "times": 2}"#, headers: cookies, address: "198.51.100.2")
            #expect(refused.status == .unauthorized)
            #expect(try APITest.problem(refused)["code"] as? String == "unauthenticated")
        }
    }

    @Test("malformed JSON is 400 malformed_json; well-formed JSON of the wrong shape is 422 invalid, per field; a unique violation is 409")
    func bodies() async throws {
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: Self.routes) { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let headers = APITest.bearer(try await APITest.token(for: id, in: database))
            let malformed = try await Self.post(client, "/api/test/greetings", #"{"name": "Ann","#, headers: headers, address: "198.51.100.10")
            #expect(malformed.status == .badRequest)
            #expect(try APITest.problem(malformed)["code"] as? String == "malformed_json")
            let missing = try await Self.post(client, "/api/test/greetings", #"{"name": "Ann"}"#, headers: headers, address: "198.51.100.11")
            #expect(missing.status == .unprocessableContent)
            let missingProblem = try APITest.problem(missing)
            #expect(missingProblem["code"] as? String == "invalid")
            #expect(missingProblem["errors"] as? [String: String] == ["times": "is required"])
            let mistyped = try await Self.post(client, "/api/test/greetings", #"{"name": 5, "times": 1}"#, headers: headers, address: "198.51.100.12")
            #expect(mistyped.status == .unprocessableContent)
            #expect(try APITest.problem(mistyped)["errors"] as? [String: String] == ["name": "must be a string"])
            let conflict = try await Self.post(client, "/api/test/conflict", "", headers: headers, address: "198.51.100.13")
            #expect(conflict.status == .conflict)
            let conflictProblem = try APITest.problem(conflict)
            #expect(conflictProblem["code"] as? String == "conflict")
            #expect(!conflict.text.contains("site_secrets") && !conflict.text.contains("duplicate"))
        }
    }

    @Test("past its rate limit the API answers 429 rate_limited with Retry-After")
    func rateLimited() async throws {
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: Self.routes) { client, database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let headers = APITest.bearer(try await APITest.token(for: id, in: database))
            for _ in 0..<3 {
                #expect(try await Self.post(client, "/api/test/greetings", #"{"name": "A", "times": 1}"#, headers: headers).status == .created)
            }
            let limited = try await Self.post(client, "/api/test/greetings", #"{"name": "A", "times": 1}"#, headers: headers)
            #expect(limited.status == .tooManyRequests)
            #expect(try APITest.problem(limited)["code"] as? String == "rate_limited")
            let seconds = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(seconds))
        }
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
