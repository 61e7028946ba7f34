import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

@Suite("Error pages")
struct ErrorPageTests {
    struct LeakyError: Error, CustomStringConvertible {
        var description: String { "SELECT password_hash FROM users -- secret detail" }
    }

    /// A router with the real middleware and views, and routes that fail in chosen ways.
    static func app() throws -> some ApplicationProtocol {
        let views = try Views(templatesDirectory: Repository.templates, publicDirectory: Repository.publicFiles, timeZone: .gmt)
        let endpoints = [
            Endpoint(.get, "/boom"), Endpoint(.get, "/forbidden"), Endpoint(.get, "/pool"),
            Endpoint(.get, "/things/:id"), Endpoint(.post, "/things/:id"), Endpoint(.get, "/bad-date"),
            Endpoint(.post, "/echo"),
        ]
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: LanguageMiddleware(defaultLanguage: .en))
        router.add(middleware: ErrorPageMiddleware(views: views, routes: RouteTable(endpoints: endpoints)))
        router.add(middleware: RequestGuardMiddleware(bodyLimit: 1024))
        router.on(endpoints[0]) { _, _ in throw LeakyError() }
        router.on(endpoints[1]) { _, _ in throw AppError.forbidden }
        router.on(endpoints[2]) { _, _ in throw PostgresError.poolTimeout }
        router.on(endpoints[3]) { _, _ in throw AppError.notFound }
        router.on(endpoints[4]) { _, _ in throw AppError.notFound }
        router.on(endpoints[6]) { request, context in
            var request = request
            let form = try await request.formData(context: context)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: form.values("name").joined(separator: "|"))))
        }
        router.on(endpoints[5]) { _, _ in throw PostgresError.server(sqlState: "22008", message: "date/time field value out of range") }
        return Application(router: router)
    }

    @Test("an unexpected error answers 500 without internals, with the request id")
    func internalError() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/boom", method: .get)
            #expect(response.status == .internalServerError)
            let page = String(buffer: response.body)
            #expect(page.contains("Something went wrong"))
            #expect(!page.contains("SELECT"))
            #expect(!page.contains("secret"))
            #expect(page.contains("Request id"))
            #expect(response.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
        }
    }

    @Test("a route's own 404 (someone else's id) stays 404; only unmatched paths become 405")
    func routeNotFound() async throws {
        try await Self.app().test(.router) { client in
            let get = try await client.execute(uri: "/things/42", method: .get)
            #expect(get.status == .notFound)
            #expect(get.headers[.allow] == nil)
            let post = try await client.execute(uri: "/things/42", method: .post)
            #expect(post.status == .notFound)
            let delete = try await client.execute(uri: "/things/42", method: .delete)
            #expect(delete.status == .methodNotAllowed)
            #expect(delete.headers[.allow] == "GET, HEAD, POST")
        }
    }

    @Test("a value PostgreSQL rejects as data (SQLSTATE class 22) answers 400, not 500")
    func dataException() async throws {
        try await Self.app().test(.router) { client in
            let response = try await client.execute(uri: "/bad-date", method: .get)
            #expect(response.status == .badRequest)
            #expect(!String(buffer: response.body).contains("out of range"))
        }
    }

    @Test("a form body is decoded strictly and read only up to the limit, with or without a length")
    func formBodies() async throws {
        try await Self.app().test(.router) { client in
            let ok = try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: "name=%D0%90%D0%BD%D1%8F&name=Bo+b"))
            #expect(ok.status == .ok)
            #expect(String(buffer: ok.body) == "Аня|Bo b")
            let malformed = try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: "name=%E0%A4"))
            #expect(malformed.status == .badRequest)
            let nul = try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(string: "name=a%00b"))
            #expect(nul.status == .badRequest)
            // No Content-Length: the guard cannot refuse it up front, the reader stops at the limit.
            let large = try await client.execute(uri: "/echo", method: .post, body: ByteBuffer(repeating: UInt8(ascii: "a"), count: 1025))
            #expect(large.status == .contentTooLarge)
            #expect(String(buffer: large.body).contains("Request too large"))
        }
    }

    @Test("each status has its own page, in Russian too")
    func statuses() async throws {
        try await Self.app().test(.router) { client in
            let forbidden = try await client.execute(uri: "/forbidden", method: .get, headers: [.acceptLanguage: "ru"])
            #expect(forbidden.status == .forbidden)
            #expect(String(buffer: forbidden.body).contains("Доступ запрещён"))
            let busy = try await client.execute(uri: "/pool", method: .get)
            #expect(busy.status == .serviceUnavailable)
            #expect(String(buffer: busy.body).contains("Service unavailable"))
        }
    }
}
