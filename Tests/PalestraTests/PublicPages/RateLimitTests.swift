import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

@Suite("Rate limits")
struct RateLimitTests {
    static let path = "/public/test/limited"

    static func forwarded(_ configuration: inout AppConfiguration) {
        configuration.clientAddressHeader = "X-Forwarded-For"
    }

    static func get(_ client: any TestClientProtocol, from address: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get, headers: [.xForwardedFor: address])
    }

    @Test("the N+1th request from an address answers 429 with Retry-After on an HTML page; other addresses still pass")
    func perAddress() async throws {
        let pages = PublicPageTestRoutes(limit: 3)
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: pages.add) { client, _ in
            for _ in 0..<3 {
                #expect(try await Self.get(client, from: "203.0.113.1").status == .ok)
            }
            let limited = try await Self.get(client, from: "203.0.113.1")
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(limited.text.contains("Too many requests"))
            let seconds = try #require(limited.headers[.retryAfter].flatMap(Int.init))
            #expect((1...60).contains(seconds))
            #expect(try await Self.get(client, from: "203.0.113.2").status == .ok)
        }
    }

    @Test("a window that has ended opens a new one")
    func newWindow() async throws {
        let pages = PublicPageTestRoutes(limit: 1)
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: pages.add) { client, database in
            #expect(try await Self.get(client, from: "203.0.113.1").status == .ok)
            #expect(try await Self.get(client, from: "203.0.113.1").status == .tooManyRequests)
            try await database.run("UPDATE rate_limits SET window_ends_at = now() - interval '1 second'")
            #expect(try await Self.get(client, from: "203.0.113.1").status == .ok)
            #expect(try await database.value("SELECT hits FROM rate_limits", as: Int.self) == 1)
        }
    }

    @Test("50 concurrent requests from one address against a limit of 10: exactly 10 pass", arguments: [1, 2])
    func concurrent(round: Int) async throws {
        let pages = PublicPageTestRoutes(limit: 10)
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: pages.add) { client, _ in
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<50 {
                    group.addTask { try await Self.get(client, from: "203.0.113.\(round)").status }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 10)
            #expect(statuses.filter { $0 == .tooManyRequests }.count == 40)
        }
    }

    @Test("a limit of 0 is off: nothing is refused and nothing is counted")
    func off() async throws {
        let pages = PublicPageTestRoutes(limit: 0)
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: pages.add) { client, database in
            for _ in 0..<20 {
                let response = try await Self.get(client, from: "203.0.113.1")
                #expect(response.status == .ok)
            }
            let counters = try await database.value("SELECT count(*)::int FROM rate_limits", as: Int.self)
            #expect(counters == 0)
        }
    }

    @Test("ended windows are deleted when a new one opens")
    func pruned() async throws {
        let pages = PublicPageTestRoutes(limit: 5)
        try await SurfaceTestApp.test(configure: Self.forwarded, addRoutes: pages.add) { client, database in
            try await database.run(
                "INSERT INTO rate_limits (bucket, address, hits, window_ends_at) SELECT 'old', 'a' || n, 1, now() - interval '1 hour' FROM generate_series(1, 30) n"
            )
            #expect(try await Self.get(client, from: "203.0.113.1").status == .ok)
            #expect(try await database.value("SELECT count(*)::int FROM rate_limits", as: Int.self) == 1)
        }
    }
}
