import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// The waiting-list form as a visitor meets it: a refused submission is the event's page again with
/// each message beside its field of that form and what was typed still in it, and nothing stored.
@Suite("Debate registration: the waiting-list form")
struct DebateWaitlistFormTests {
    static var waitlistURL: String { DebateURL.waitlist(.value(DebateFixture.slug)).path }

    /// The `<input …>` or `<select …>…</select>` with `id` on `page` (empty when there is none).
    static func control(_ id: String, in page: String) -> String {
        let input = page.firstMatch(of: try! Regex("<input[^>]* id=\"\(id)\"[^>]*>")).map { String(page[$0.range]) }
        let select = page.firstMatch(of: try! Regex("<select id=\"\(id)\"(?s:.*?)</select>")).map { String(page[$0.range]) }
        return input ?? select ?? ""
    }

    /// The message shown beside the field `id` (its `…-error` paragraph), or nil.
    static func message(_ id: String, in page: String) -> String? {
        guard let match = page.firstMatch(of: try! Regex("<p class=\"field__error\" id=\"\(id)-error\">([^<]*)</p>")) else { return nil }
        return match.output[1].substring.map(String.init)
    }

    /// `text` as a template writes it into an attribute.
    static func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;").replacing("\"", with: "&quot;").replacing("'", with: "&#39;")
    }

    static func entries(_ database: TestDatabase) async throws -> Int {
        try await database.value("SELECT count(*)::int FROM debate_waitlist_entries")
    }

    /// The demo event with ВТБ full (its 32 seats taken by the counter) and a visitor on its page.
    static func fullVTB(_ client: any TestClientProtocol, _ database: TestDatabase) async throws -> (cases: [String: Int], browser: Browser) {
        let cases = try await DebateFixture.load(database)
        try await database.run("UPDATE debate_seat_pools SET taken = capacity WHERE name = 'ВТБ'")
        var browser = Browser(client)
        let page = try await browser.get(DebateFixture.eventURL)
        #expect(page.text.contains("Join the waiting list"))
        return (cases, browser)
    }

    @Test("bad input: 422, the message beside the waiting list's field, every typed value shown again, nothing stored", arguments: [
        ("", "w@example.org", "", "debate-waitlist-full-name", "Enter your full name."),
        (String(repeating: "я", count: 151), "w@example.org", "МГУ", "debate-waitlist-full-name", "Enter your full name in at most 150 characters, on one line."),
        ("Анна Петрова", "", "МГУ", "debate-waitlist-email", "Enter your email address."),
        ("Анна Петрова", "not-an-address", "МГУ", "debate-waitlist-email", "Enter an email address like name@example.org."),
        ("Анна Петрова", "w@example.org", String(repeating: "x", count: 201), "debate-waitlist-affiliation", "Enter your affiliation in at most 200 characters, on one line."),
        ("<script>alert(1)</script>\nsecond", "w@example.org\"><b>", "", "debate-waitlist-full-name", "Enter your full name in at most 150 characters, on one line."),
    ])
    func badInput(name: String, email: String, affiliation: String, field: String, expected: String) async throws {
        try await TestApp.test { client, database in
            var (cases, browser) = try await Self.fullVTB(client, database)
            let vtb = try #require(cases["ВТБ"])
            let response = try await browser.post(Self.waitlistURL, DebateFixture.person(name, email, case: vtb, affiliation: affiliation))
            #expect(response.status == .unprocessableContent)
            let page = response.text
            #expect(Self.message(field, in: page) == expected)
            #expect(Self.control(field, in: page).contains("aria-invalid=\"true\""))
            // What was typed is in the waiting list's fields again (escaped), the case still selected.
            #expect(Self.control("debate-waitlist-full-name", in: page).contains("value=\"\(Self.escaped(name))\""))
            #expect(Self.control("debate-waitlist-email", in: page).contains("value=\"\(Self.escaped(email))\""))
            #expect(Self.control("debate-waitlist-affiliation", in: page).contains("value=\"\(Self.escaped(affiliation))\""))
            #expect(Self.control("debate-waitlist-case", in: page).contains("value=\"\(vtb)\" selected"))
            // The registration form above is left as it was, and no notice sits at the top.
            #expect(Self.control("debate-full-name", in: page).contains("value=\"\""))
            #expect(Self.message("debate-full-name", in: page) == nil)
            #expect(!page.contains("notice--error"))
            #expect(!page.contains("<script>alert") && !page.contains("<b>"))
            #expect(page.contains("action=\"\(Self.waitlistURL)#debate-waitlist\""))
            #expect(try await Self.entries(database) == 0)
            #expect(try await DebateFixture.activeCount(database) == 0)
        }
    }

    @Test("no case, a case of nothing, or a malformed one: “Choose a full case to wait for.” beside the case", arguments: ["", "abc", "999999"])
    func badCase(value: String) async throws {
        try await TestApp.test { client, database in
            var (_, browser) = try await Self.fullVTB(client, database)
            let response = try await browser.post(Self.waitlistURL, [("case", value), ("full_name", "Anna"), ("email", "anna@example.org"), ("affiliation", "")])
            #expect(response.status == .unprocessableContent)
            #expect(Self.message("debate-waitlist-case", in: response.text) == "Choose a full case to wait for.")
            #expect(Self.control("debate-waitlist-email", in: response.text).contains("value=\"anna@example.org\""))
            #expect(try await Self.entries(database) == 0)
        }
    }

    @Test("an address already waiting, or already registered: 409, said beside the email, the values kept, nothing stored")
    func alreadyThere() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"])
            var registered = Browser(client)
            #expect(try await DebateFixture.register(&registered, "Reg", "reg@example.org", case: vtb).status == .ok)
            try await database.run("UPDATE debate_seat_pools SET taken = capacity")
            var browser = Browser(client)
            _ = try await browser.get(DebateFixture.eventURL)
            let joined = try await browser.post(Self.waitlistURL, DebateFixture.person("Wait", "wait@example.org", case: vtb))
            #expect(joined.text.contains("You are on the waiting list."))

            var again = Browser(client)
            _ = try await again.get(DebateFixture.eventURL)
            let b1 = try #require(cases["Б1"])
            let waiting = try await again.post(Self.waitlistURL, DebateFixture.person("Wait Again", "WAIT@example.org", case: b1, affiliation: "СПбГУ"))
            #expect(waiting.status == .conflict)
            #expect(Self.message("debate-waitlist-email", in: waiting.text) == "This address is already on a waiting list of this event.")
            #expect(Self.control("debate-waitlist-full-name", in: waiting.text).contains("value=\"Wait Again\""))
            #expect(Self.control("debate-waitlist-email", in: waiting.text).contains("value=\"WAIT@example.org\""))
            #expect(Self.control("debate-waitlist-affiliation", in: waiting.text).contains("value=\"СПбГУ\""))
            #expect(Self.control("debate-waitlist-case", in: waiting.text).contains("value=\"\(b1)\" selected"))

            let taken = try await again.post(Self.waitlistURL, DebateFixture.person("Reg", "reg@example.org", case: vtb))
            #expect(taken.status == .conflict)
            #expect(Self.message("debate-waitlist-email", in: taken.text)
                == "This address is already registered for this event. Its private link was sent to it when it registered.")
            #expect(!taken.text.contains("/debate-links/"))
            #expect(try await database.value("SELECT string_agg(email, ',')::text FROM debate_waitlist_entries", as: String.self) == "wait@example.org")
            #expect(try await DebateFixture.activeCount(database) == 1)
        }
    }

    @Test("a case that has seats again: the registration form is filled instead, its case chosen, and registering from it works")
    func seatsAgain() async throws {
        try await TestApp.test { client, database in
            var (cases, browser) = try await Self.fullVTB(client, database)
            let vtb = try #require(cases["ВТБ"])
            // A seat frees while the visitor types.
            try await database.run("UPDATE debate_seat_pools SET taken = capacity - 1 WHERE name = 'ВТБ'")
            let response = try await browser.post(Self.waitlistURL, DebateFixture.person("Анна Петрова", "anna@example.org", case: vtb, affiliation: "МГУ"))
            #expect(response.status == .conflict)
            let page = response.text
            #expect(page.contains("ВТБ has free seats again, so you can register for it now: your details are filled in below, choose Continue."))
            #expect(Self.control("case-\(vtb)", in: page).contains("checked"))
            #expect(Self.control("debate-full-name", in: page).contains("value=\"Анна Петрова\""))
            #expect(Self.control("debate-email", in: page).contains("value=\"anna@example.org\""))
            #expect(Self.control("debate-affiliation", in: page).contains("value=\"МГУ\""))
            #expect(try await Self.entries(database) == 0)
            // Continue → the confirmation → registered.
            let confirmation = try await browser.post(DebateFixture.chooseURL, DebateFixture.person("Анна Петрова", "anna@example.org", case: vtb, affiliation: "МГУ"))
            #expect(confirmation.text.contains("1 seat left now."))
            let done = try await browser.post(DebateFixture.confirmURL, DebateFixture.person("Анна Петрова", "anna@example.org", case: vtb, affiliation: "МГУ"))
            #expect(done.text.contains("You are registered"))
            #expect(try await database.value("SELECT affiliation FROM debate_registrations WHERE email = 'anna@example.org'", as: String.self) == "МГУ")

            // With another case still full, its waiting list points up to the filled form.
            try await database.run("UPDATE debate_seat_pools SET taken = capacity WHERE name = 'Алабуга + Б1'")
            try await database.run("UPDATE debate_seat_pools SET taken = capacity - 1 WHERE name = 'ВТБ'")
            _ = try await browser.get(DebateFixture.eventURL)
            let pointer = try await browser.post(Self.waitlistURL, DebateFixture.person("Борис", "boris@example.org", case: vtb))
            #expect(pointer.text.contains("<p class=\"field__help\" id=\"debate-waitlist-case-note\">ВТБ has free seats again: register for it in the form above.</p>"))
            #expect(Self.message("debate-waitlist-case", in: pointer.text) == nil)
            #expect(try await Self.entries(database) == 0)
        }
    }

    @Test("the waiting list's affiliation is kept, and a filled honeypot in its form is refused")
    func affiliationAndHoneypot() async throws {
        try await TestApp.test { client, database in
            var (cases, browser) = try await Self.fullVTB(client, database)
            let vtb = try #require(cases["ВТБ"])
            let page = try await browser.get(DebateFixture.eventURL)
            #expect(page.text.contains("id=\"debate-waitlist-website\" name=\"website\""))
            let trapped = try await browser.post(Self.waitlistURL, DebateFixture.person("Bot", "bot@example.org", case: vtb) + [("website", "http://spam")])
            #expect(trapped.status == .unprocessableContent)
            #expect(trapped.text.contains("could not be accepted"))
            #expect(try await Self.entries(database) == 0)
            let joined = try await browser.post(Self.waitlistURL, DebateFixture.person("Вера", "vera@example.org", case: vtb, affiliation: "ВШЭ"))
            #expect(joined.text.contains("You are on the waiting list."))
            #expect(try await database.value("SELECT affiliation FROM debate_waitlist_entries", as: String.self) == "ВШЭ")
        }
    }

    @Test("in Russian, the message beside the field is Russian")
    func russian() async throws {
        try await TestApp.test { client, database in
            var (cases, browser) = try await Self.fullVTB(client, database)
            browser.extraHeaders[.acceptLanguage] = "ru"
            _ = try await browser.get(DebateFixture.eventURL)
            let response = try await browser.post(Self.waitlistURL, DebateFixture.person("Анна", "", case: cases["ВТБ"] ?? 0))
            #expect(response.status == .unprocessableContent)
            let expected = try Localizations(directory: Repository.templates + "/locales").localizer(for: .ru).t("Enter your email address.")
            #expect(expected != "Enter your email address.")
            #expect(Self.message("debate-waitlist-email", in: response.text) == expected)
        }
    }
}
