import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Postgres
import Testing

@Suite("Public pages: visitor CSRF")
struct VisitorCSRFTests {
    static let form = "/public/test/form"

    /// A visitor's browser that has opened the test form (its cookie and token in hand).
    static func visitor(_ client: any TestClientProtocol) async throws -> Browser {
        var browser = Browser(client)
        _ = try await browser.get(form)
        return browser
    }

    @Test("a GET sets the visitor's cookie (HttpOnly, SameSite=Lax, Path=/) and renders its token; a second GET keeps both")
    func cookie() async throws {
        let pages = PublicPageTestRoutes()
        try await SurfaceTestApp.test(addRoutes: pages.add) { client, database in
            var browser = Browser(client)
            let first = try await browser.get(Self.form)
            #expect(first.status == .ok)
            let setCookie = try #require(first.headers[values: .setCookie].first { $0.hasPrefix(Visitor.cookieName + "=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/"))
            #expect(!setCookie.contains("Secure"))
            let cookie = try #require(browser.cookies[Visitor.cookieName])
            let token = try #require(browser.csrfToken)
            #expect(SessionToken.isWellFormed(cookie) && SessionToken.isWellFormed(token) && cookie != token)
            #expect(browser.sessionToken == nil)
            let second = try await browser.get(Self.form)
            #expect(second.headers[values: .setCookie].isEmpty)
            #expect(browser.csrfToken == token)
            #expect(try await database.value("SELECT count(*)::int FROM sessions", as: Int.self) == 0)
        }
    }

    @Test("the cookie is Secure when the configuration says the site is served over HTTPS")
    func secure() async throws {
        try await SurfaceTestApp.test(configure: { $0.browserSessions.secureCookie = true }, addRoutes: { surfaces, _ in
            surfaces.publicPages.get(TestRoute("/public/test/plain")) { _, _ in Response(status: .ok) }
        }) { client, _ in
            let response = try await client.execute(uri: "/public/test/plain", method: .get)
            #expect(response.headers[values: .setCookie].contains { $0.hasPrefix(Visitor.cookieName + "=") && $0.contains("Secure") })
        }
    }

    @Test("a POST without a token, with a wrong one, with another cookie's, or without the cookie: 403, nothing received")
    func refused() async throws {
        let pages = PublicPageTestRoutes()
        try await SurfaceTestApp.test(addRoutes: pages.add) { client, _ in
            var browser = try await Self.visitor(client)
            let other = try await Self.visitor(client)
            let foreign = try #require(other.csrfToken)
            #expect(foreign != browser.csrfToken)
            for csrf: String? in [nil, "", "x", String(repeating: "A", count: 43), foreign] {
                let response = try await browser.post(Self.form, [("name", "Forged")], csrf: .some(csrf))
                #expect(response.status == .forbidden, "token \(csrf ?? "none")")
                #expect(response.text.contains("Access denied"))
            }
            var cookieless = browser
            cookieless.cookies = [:]
            #expect(try await cookieless.post(Self.form, [("name", "Forged")]).status == .forbidden)
            #expect(pages.names.isEmpty)
        }
    }

    @Test("a cross-site POST is refused even with the right token and cookie", arguments: [
        ("Origin", "https://evil.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"),
    ])
    func crossSite(header: String, value: String) async throws {
        let pages = PublicPageTestRoutes()
        try await SurfaceTestApp.test(addRoutes: pages.add) { client, _ in
            var browser = try await Self.visitor(client)
            let response = try await browser.post(Self.form, [("name", "Forged")], headers: [HTTPField.Name(header)!: value])
            #expect(response.status == .forbidden)
            #expect(pages.names.isEmpty)
        }
    }

    @Test("the right token and cookie, same origin: the handler runs")
    func accepted() async throws {
        let pages = PublicPageTestRoutes()
        try await SurfaceTestApp.test(addRoutes: pages.add) { client, _ in
            var browser = try await Self.visitor(client)
            let response = try await browser.post(Self.form, [("name", "Ann")], headers: [.secFetchSite: "same-origin", .origin: "http://localhost"])
            #expect(response.status == .seeOther)
            #expect(pages.names == ["Ann"])
        }
    }

    @Test("two application instances on one database sign with the same secret: a form from one posts to the other")
    func twoInstances() async throws {
        let first = PublicPageTestRoutes(), second = PublicPageTestRoutes()
        try await TestDatabase.with { database in
            try await SurfaceTestApp.withApp(on: database, addRoutes: first.add) { firstClient in
                try await SurfaceTestApp.withApp(on: database, addRoutes: second.add) { secondClient in
                    let browser = try await Self.visitor(firstClient)
                    var other = Browser(secondClient)
                    other.cookies = browser.cookies
                    other.csrfToken = browser.csrfToken
                    let response = try await other.post(Self.form, [("name", "Ann")])
                    #expect(response.status == .seeOther)
                    #expect(second.names == ["Ann"])
                }
            }
            #expect(try await database.value("SELECT count(*)::int FROM site_secrets", as: Int.self) == 1)
        }
    }

    @Test("processes starting at once agree: concurrent first loads of the secret all get the stored one")
    func concurrentFirstLoad() async throws {
        try await TestDatabase.with { database in
            let tokens = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await database.withClient(maxConnections: 1) { client in
                            try await VisitorTokenSigner(secrets: SiteSecretStore(database: client)).token(for: "the-same-cookie")
                        }
                    }
                }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(tokens.count == 1)
            #expect(try await database.value("SELECT count(*)::int FROM site_secrets", as: Int.self) == 1)
        }
    }
}
