import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("HTTP server")
struct ServerTests {
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy",
         "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
    ]

    static func expectSecurityHeaders(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, value) in securityHeaders {
            #expect(response.headers[HTTPField.Name(name)!] == value, "\(name)", sourceLocation: sourceLocation)
        }
    }

    /// The migrations in the repository, oldest first, without `.sql`: what a migrated database has applied.
    static func migrationNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: Repository.migrations)
            .filter { $0.hasSuffix(".sql") }.sorted().map { String($0.dropLast(4)) }
    }

    @Test("the dashboard renders in the layout with the migrations applied")
    func dashboard() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let response = try await browser.get("/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            Self.expectSecurityHeaders(response)
            let page = response.text
            #expect(page.hasPrefix("<!DOCTYPE html>"))
            #expect(page.contains(#"<html lang="en">"#))
            #expect(page.contains("<title>Dashboard · Palestra</title>"))
            #expect(page.contains(#"<a href="/" aria-current="page">Dashboard</a>"#))
            let migrations = try Self.migrationNames()
            #expect(page.contains("\(migrations.count) migrations applied"))
            #expect(page.contains(try #require(migrations.last)))
            #expect(page.contains(#"href="/static/css/app.css?v="#))
            #expect(!page.contains("<script"))
            #expect(!page.contains("style="))
            #expect(response.headers[.xRequestID]?.isEmpty == false)
        }
    }

    @Test("Accept-Language chooses Russian, with Russian dates")
    func russian() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "ru-RU,ru;q=0.9,en;q=0.5"
            try await browser.signIn("admin@example.org")
            let response = try await browser.get("/")
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains(#"<html lang="ru">"#))
            #expect(page.contains("<title>Главная · Palestra</title>"))
            let russian = try Localizations(directory: Repository.templates + "/locales").localizer(for: .ru)
            #expect(page.contains(russian.plural("{count} migrations applied", count: try Self.migrationNames().count)))
            let today = CalendarDate.today(in: TimeZone(identifier: "Europe/Moscow")!)
            #expect(page.contains(LocalizedFormat(language: .ru).longDate(today)))
            #expect(response.headers[.contentLanguage] == "ru")
        }
    }

    @Test("the default language comes from the configuration when the browser names none we have")
    func defaultLanguage() async throws {
        try await TestApp.test(configure: { $0.defaultLanguage = .ru }) { client, _ in
            let response = try await client.execute(uri: "/login", method: .get, headers: [.acceptLanguage: "de-DE, fr;q=0.8"])
            #expect(response.text.contains(#"<html lang="ru">"#))
        }
    }

    @Test("a server started without migrating an empty database still starts, asks for sign-in and is healthy")
    func emptyDatabase() async throws {
        try await TestApp.test(template: "template0") { client, _ in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2F")
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }

    @Test("/healthz answers ok while the database answers")
    func health() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(response.text == "ok\n")
            Self.expectSecurityHeaders(response)
        }
    }

    @Test("an unknown page answers 404 in the layout with the request id")
    func notFound() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/no/such/page", method: .get)
            #expect(response.status == .notFound)
            Self.expectSecurityHeaders(response)
            let requestID = try #require(response.headers[.xRequestID])
            #expect(response.text.contains("Page not found"))
            #expect(response.text.contains("<code>\(requestID)</code>"))
            #expect(response.text.contains(#"<html lang="en">"#))
        }
    }

    @Test("a known path with the wrong method answers 405 with Allow (a POST once its form token holds)")
    func methodNotAllowed() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            _ = try await browser.get("/")
            let response = try await browser.post("/", [("a", "b")])
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET, HEAD")
            #expect(response.text.contains("Method not allowed"))
            Self.expectSecurityHeaders(response)
            let anonymous = try await client.execute(uri: "/", method: .post, body: ByteBuffer(string: "a=b"))
            #expect(anonymous.status == .methodNotAllowed)
            let delete = try await client.execute(uri: "/healthz", method: .delete)
            #expect(delete.status == .methodNotAllowed)
        }
    }

    @Test("HEAD is answered wherever GET is")
    func head() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/login", method: .head)
            #expect(response.status == .ok)
        }
    }

    @Test("a body over the limit answers 413", arguments: ["/", "/nowhere"])
    func bodyTooLarge(path: String) async throws {
        try await TestApp.test { client, _ in
            let body = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024 + 1)
            let response = try await client.execute(uri: path, method: .post, headers: [.contentLength: "\(body.readableBytes)"], body: body)
            #expect(response.status == .contentTooLarge)
            #expect(response.text.contains("Request too large"))
            Self.expectSecurityHeaders(response)
        }
    }

    @Test("malformed URL-encoding and invalid UTF-8 answer 400, never 500",
          arguments: ["/?q=%ZZ", "/?q=%", "/?q=%FF%FE", "/%FF", "/healthz?x=%C3%28", "/?%E0%80%80=1", "/?q=%00", "/%00"])
    func badRequest(uri: String) async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: uri, method: .get)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Bad request"))
            Self.expectSecurityHeaders(response)
        }
    }

    @Test("a well-formed query string with Unicode is fine")
    func unicodeQuery() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/login?q=%D0%9F%D1%80%D0%B8%D0%B2%D0%B5%D1%82+%F0%9F%8F%83", method: .get)
            #expect(response.status == .ok)
        }
    }

    @Test("static files are served with long cache headers")
    func staticFiles() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/static/css/app.css?v=1", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/css") == true)
            #expect(response.headers[.cacheControl] == "public, max-age=31536000")
            #expect(response.text.contains(".site-header"))
            Self.expectSecurityHeaders(response)
            let missing = try await client.execute(uri: "/static/nothing.css", method: .get)
            #expect(missing.status == .notFound)
            let escape = try await client.execute(uri: "/static/../Package.swift", method: .get)
            #expect(escape.status == .badRequest || escape.status == .notFound)
            #expect(!escape.text.contains("PackageDescription"))
        }
    }

    @Test("while the database refuses connections pages answer 503, and recover by themselves")
    func databaseDown() async throws {
        try await TestApp.test { client, database in
            #expect(try await client.execute(uri: "/login", method: .get).status == .ok)

            try await TestDatabase.onServer("ALTER DATABASE \(database.name) ALLOW_CONNECTIONS false")
            try await TestDatabase.onServer(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
                [database.name]
            )
            let started = ContinuousClock.now
            let down = try await client.execute(uri: "/login", method: .get)
            #expect(down.status == .serviceUnavailable)
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(down.text.contains("Service unavailable"))
            #expect(down.headers[.retryAfter] == "5")
            Self.expectSecurityHeaders(down)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .serviceUnavailable)

            try await TestDatabase.onServer("ALTER DATABASE \(database.name) ALLOW_CONNECTIONS true")
            let back = try await client.execute(uri: "/login", method: .get)
            #expect(back.status == .ok)
            #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
        }
    }
}
