import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

@Suite("Debate registration: the private link page and the limits")
struct DebateLinkPageTests {
    @Test("opening the link changes nothing; switching moves the seat in one step; a full case keeps the old seat")
    func switching() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            let done = try await DebateFixture.register(&browser, "Anna", "anna@example.org", case: cases["ВТБ"] ?? 0)
            let link = try #require(DebateFixture.link(in: done.text))
            for _ in 0..<3 { #expect(try await browser.get(link).status == .ok) }
            #expect(try await database.value("SELECT version FROM debate_registrations", as: Int.self) == 1)
            let page = try await browser.get(link)
            #expect(page.text.contains("Switch to another case"))
            #expect(!page.text.contains("value=\"\(cases["ВТБ"] ?? 0)\""))
            let switched = try await browser.post(link + "/switch", [("case", String(cases["Альфа"] ?? 0))])
            #expect(switched.status == .seeOther)
            #expect(try await browser.follow(switched).text.contains("Your case was switched."))
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 0)
            #expect(try await DebateFixture.taken(database, pool: "Северсталь + Альфа") == 1)
            // Within one pool: the counter stays.
            _ = try await browser.post(link + "/switch", [("case", String(cases["Северсталь"] ?? 0))])
            #expect(try await DebateFixture.taken(database, pool: "Северсталь + Альфа") == 1)
            try await database.run("UPDATE debate_seat_pools SET taken = capacity WHERE name = 'ВТБ'")
            let full = try await browser.post(link + "/switch", [("case", String(cases["ВТБ"] ?? 0))])
            #expect(full.status == .conflict)
            #expect(full.text.contains("That case is full now: you keep your seat."))
            #expect(try await database.value("SELECT c.name FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id", as: String.self) == "Северсталь")
            #expect(try await DebateFixture.taken(database, pool: "Северсталь + Альфа") == 1)
            let bad = try await browser.post(link + "/switch", [("case", "abc")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Choose a case."))
            #expect(try await DebateFixture.mismatches(database) == 1) // the ВТБ counter was set by hand above
        }
    }

    @Test("a link that matches nothing, or is malformed, is a page that does not exist; a GET never cancels")
    func unknownLinks() async throws {
        try await TestApp.test { client, database in
            try await DebateFixture.load(database)
            var browser = Browser(client)
            #expect(try await browser.get("/debate-links/" + String(repeating: "A", count: 43)).status == .notFound)
            #expect(try await browser.get("/debate-links/short").status == .notFound)
            #expect(try await browser.get("/debate-links/" + String(repeating: "A", count: 43) + "/cancel").status == .notFound)
            _ = try await browser.get(DebateFixture.eventURL)
            #expect(try await browser.post("/debate-links/" + String(repeating: "B", count: 43) + "/cancel").status == .notFound)
            #expect(try await browser.get("/debate-offers/" + String(repeating: "A", count: 43)).status == .gone)
        }
    }

    @Test("a form without the visitor's token is refused before anything changes")
    func csrf() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            _ = try await browser.get(DebateFixture.eventURL)
            let refused = try await browser.post(DebateFixture.confirmURL, DebateFixture.person("A", "a@example.org", case: cases["ВТБ"] ?? 0), csrf: .some(nil))
            #expect(refused.status == .forbidden)
            #expect(try await DebateFixture.activeCount(database) == 0)
        }
    }

    @Test("per client address: past PALESTRA_REGISTRATION_LIMIT_PER_HOUR forms, 429 with Retry-After; another address still passes")
    func addressLimit() async throws {
        try await TestApp.test(configure: { $0.clientAddressHeader = "X-Forwarded-For"; $0.debates.registrationLimitPerHour = 2 }) { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            browser.extraHeaders = [.xForwardedFor: "203.0.113.7"]
            _ = try await browser.get(DebateFixture.eventURL)
            for index in 0..<2 {
                #expect(try await browser.post(DebateFixture.confirmURL, DebateFixture.person("P", "p\(index)@example.org", case: cases["ВТБ"] ?? 0)).status == .ok)
            }
            let limited = try await browser.post(DebateFixture.confirmURL, DebateFixture.person("P", "p9@example.org", case: cases["ВТБ"] ?? 0))
            #expect(limited.status == .tooManyRequests)
            #expect(limited.text.contains("Too many requests"))
            #expect((1...3600).contains(limited.headers[.retryAfter].flatMap(Int.init) ?? 0))
            #expect(try await DebateFixture.activeCount(database) == 2)
            var other = Browser(client)
            other.extraHeaders = [.xForwardedFor: "203.0.113.8"]
            #expect(try await DebateFixture.register(&other, "Q", "q@example.org", case: cases["ВТБ"] ?? 0).status == .ok)
        }
    }

    @Test("per email address: the sixth form for one address in an hour answers 429, whatever the client address")
    func emailLimit() async throws {
        try await TestApp.test(configure: { $0.clientAddressHeader = "X-Forwarded-For"; $0.debates.registrationLimitPerHour = 0 }) { client, database in
            let cases = try await DebateFixture.load(database)
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<6 {
                var browser = Browser(client)
                browser.extraHeaders = [.xForwardedFor: "198.51.100.\(index)"]
                statuses.append(try await DebateFixture.register(&browser, "Victim", "victim@example.org", case: cases["ВТБ"] ?? 0).status)
            }
            #expect(statuses == [.ok, .ok, .ok, .ok, .ok, .tooManyRequests])
            // One registration and four "already registered" mails: the sixth asked for none.
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'MailDebateLink'", as: Int.self) == 5)
        }
    }
}
