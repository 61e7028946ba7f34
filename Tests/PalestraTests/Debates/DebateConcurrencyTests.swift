import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// The seed's promise — no case is ever oversold — under real concurrency: a live server, real HTTP
/// connections, real transactions in PostgreSQL.
@Suite("Debate registration under concurrency")
struct DebateConcurrencyTests {
    /// The whole application served on a free port, its client over real HTTP connections.
    static func live<T>(_ body: @escaping @Sendable (any TestClientProtocol, TestDatabase) async throws -> T) async throws -> T {
        try await TestDatabase.with { database in
            var configuration = TestApp.configuration(database: database.configuration)
            configuration.port = 0
            configuration.databasePoolSize = 20
            configuration.debates.registrationLimitPerHour = 0
            configuration.debates.emailLimitPerHour = 0
            let app = try await buildApplication(configuration: configuration, logger: TestDatabase.logger, migrate: false, periodicJobs: [])
            return try await app.test(.ahc(.http)) { client in try await body(client, database) }
        }
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { SiteURL.queryEscaped($0.0) + "=" + SiteURL.queryEscaped($0.1) }.joined(separator: "&"))
    }

    @Test("1,000 concurrent confirmations over HTTP against 115 seats: exactly 115 registered, counters equal rows, every refusal says full, no 5xx",
          arguments: [1, 2])
    func thousandConfirmations(round: Int) async throws {
        try await Self.live { client, database in
            let cases = try await DebateFixture.load(database)
            let page = try await client.execute(uri: DebateFixture.eventURL, method: .get, headers: [:], body: nil)
            let cookie = try #require(page.headers[values: .setCookie].first?.split(separator: ";").first.map(String.init))
            let token = try #require(Browser.csrfToken(in: page.text))
            let names = cases.keys.sorted()
            let outcomes = try await withThrowingTaskGroup(of: (HTTPResponse.Status, Bool, Bool).self) { group in
                for index in 0..<1000 {
                    let caseName = names[index % names.count]
                    group.addTask {
                        let body = Self.form([
                            ("csrf_token", token), ("case", String(cases[caseName] ?? 0)),
                            ("full_name", "Person \(round)-\(index)"), ("email", "person\(index)@example.org"),
                        ])
                        let response = try await client.execute(
                            uri: DebateFixture.confirmURL, method: .post,
                            headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"], body: body
                        )
                        return (response.status, response.text.contains("You are registered"), response.text.contains("was just taken"))
                    }
                }
                return try await group.reduce(into: [(HTTPResponse.Status, Bool, Bool)]()) { $0.append($1) }
            }
            #expect(outcomes.count == 1000)
            #expect(outcomes.allSatisfy { $0.0.code < 500 })
            let registered = outcomes.filter { $0.0 == .ok && $0.1 }
            let refused = outcomes.filter { $0.0 == .conflict }
            #expect(registered.count == 115)
            #expect(refused.count == 885)
            #expect(refused.allSatisfy { $0.2 })
            #expect(try await DebateFixture.activeCount(database) == 115)
            #expect(try await DebateFixture.mismatches(database) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM debate_seat_pools WHERE taken <> capacity", as: Int.self) == 0)
        }
    }

    @Test("switching under contention: 60 people switch between pools at once; no pool goes over, counters equal rows")
    func switchingUnderContention() async throws {
        try await TestApp.test(configure: { $0.databasePoolSize = 20; $0.debates.registrationLimitPerHour = 0 }) { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"]), alpha = try #require(cases["Альфа"]), b1 = try #require(cases["Б1"])
            var links: [(String, Int)] = []
            var browser = Browser(client)
            for index in 0..<60 {
                let from = [vtb, alpha, b1][index % 3]
                let done = try await DebateFixture.register(&browser, "P\(index)", "p\(index)@example.org", case: from)
                links.append((try #require(DebateFixture.link(in: done.text)), [alpha, b1, vtb][index % 3]))
            }
            // Fill the pools up to a few seats so that switches compete for them.
            try await database.run("UPDATE debate_seat_pools SET capacity = taken + 3")
            let token = try #require(browser.csrfToken)
            let cookies = browser.cookies
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (link, target) in links {
                    group.addTask {
                        var visitor = Browser(client)
                        visitor.cookies = cookies
                        return try await visitor.post(link + "/switch", [("case", String(target))], csrf: .some(token)).status
                    }
                }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .seeOther || $0 == .conflict })
            #expect(statuses.filter { $0 == .seeOther }.count >= 9)
            #expect(try await DebateFixture.activeCount(database) == 60)
            #expect(try await DebateFixture.mismatches(database) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM debate_seat_pools WHERE taken > capacity", as: Int.self) == 0)
        }
    }
}
