import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

@Suite("Debate registration: the public pages")
struct DebateRegistrationTests {
    @Test("the event page lists each case with its pool's free seats; a full case is shown full and cannot be chosen")
    func eventPage() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            try await database.run("UPDATE debate_seat_pools SET taken = capacity WHERE name = 'ВТБ'")
            var browser = Browser(client)
            let page = try await browser.get(DebateFixture.eventURL)
            #expect(page.status == .ok)
            #expect(page.text.contains("Дебаты конференции"))
            #expect(page.text.contains("41 seats free"))
            #expect(page.text.contains("42 seats free"))
            let vtb = try #require(cases["ВТБ"])
            #expect(page.text.contains("value=\"\(vtb)\" disabled"))
            #expect(page.text.contains("Full"))
            #expect(page.text.contains("name=\"website\""))
            #expect(try await browser.get("/debates/no-such-event").status == .notFound)
        }
    }

    @Test("choose → confirmation page with the seats left → confirm: registered, the pool counted, a link page and a mail job")
    func happyPath() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            let b1 = try #require(cases["Б1"])
            var browser = Browser(client)
            _ = try await browser.get(DebateFixture.eventURL)
            let confirmation = try await browser.post(DebateFixture.chooseURL, DebateFixture.person(" Анна Петрова ", "Anna@Example.org", case: b1))
            #expect(confirmation.status == .ok)
            #expect(confirmation.text.contains("Б1"))
            #expect(confirmation.text.contains("41 seats left now."))
            #expect(try await DebateFixture.activeCount(database) == 0)
            let done = try await browser.post(DebateFixture.confirmURL, DebateFixture.person("Анна Петрова", "anna@example.org", case: b1))
            #expect(done.status == .ok)
            #expect(done.text.contains("You are registered"))
            #expect(done.text.contains("anna@example.org"))
            #expect(try await DebateFixture.activeCount(database) == 1)
            #expect(try await database.value("SELECT email FROM debate_registrations", as: String.self) == "anna@example.org")
            #expect(try await DebateFixture.taken(database, pool: "Алабуга + Б1") == 1)
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'MailDebateLink'", as: Int.self) == 1)
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'DebateChangeNotice'", as: Int.self) == 1)
            let link = try #require(DebateFixture.link(in: done.text))
            let page = try await browser.get(link)
            #expect(page.status == .ok)
            #expect(page.text.contains("Анна Петрова"))
            #expect(page.text.contains("Registered."))
            // Only the hash of the token is stored.
            let token = String(link.split(separator: "/").last ?? "")
            #expect(try await database.value("SELECT count(*)::int FROM debate_registration_links WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [token], as: Int.self) == 1)
        }
    }

    @Test("bad input answers 422 with a message beside the field and stores nothing", arguments: [
        ([("full_name", ""), ("email", "a@example.org")], "Enter your full name."),
        ([("full_name", String(repeating: "я", count: 151)), ("email", "a@example.org")], "at most 150 characters"),
        ([("full_name", "Anna"), ("email", "")], "Enter your email address."),
        ([("full_name", "Anna"), ("email", "not-an-address")], "Enter an email address like"),
        ([("full_name", "Anna"), ("email", "a@example.org"), ("affiliation", String(repeating: "x", count: 201))], "at most 200 characters"),
        ([("full_name", "<script>alert(1)</script>\nsecond line"), ("email", "a@example.org")], "on one line"),
    ])
    func badInput(fields: [(String, String)], message: String) async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            _ = try await browser.get(DebateFixture.eventURL)
            for url in [DebateFixture.chooseURL, DebateFixture.confirmURL] {
                let response = try await browser.post(url, [("case", String(cases["ВТБ"] ?? 0))] + fields)
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains(message))
                #expect(!response.text.contains("<script>alert"))
            }
            #expect(try await DebateFixture.activeCount(database) == 0)
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 0)
        }
    }

    @Test("no case, a malformed case or another event's case: the form again with “Choose a case.”", arguments: ["", "abc", "-1", "999999"])
    func badCase(value: String) async throws {
        try await TestApp.test { client, database in
            try await DebateFixture.load(database)
            var browser = Browser(client)
            _ = try await browser.get(DebateFixture.eventURL)
            for url in [DebateFixture.chooseURL, DebateFixture.confirmURL] {
                let response = try await browser.post(url, [("case", value), ("full_name", "Anna"), ("email", "a@example.org")])
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Choose a case."))
            }
            #expect(try await DebateFixture.activeCount(database) == 0)
            #expect(try await DebateFixture.mismatches(database) == 0)
        }
    }

    @Test("someone who loses the last seat between the two pages is told so, with the cases that still have seats")
    func lostLastSeat() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"])
            try await database.run("UPDATE debate_seat_pools SET taken = capacity - 1 WHERE name = 'ВТБ'")
            var late = Browser(client)
            _ = try await late.get(DebateFixture.eventURL)
            let confirmation = try await late.post(DebateFixture.chooseURL, DebateFixture.person("Late", "late@example.org", case: vtb))
            #expect(confirmation.text.contains("1 seat left now."))
            var quick = Browser(client)
            #expect(try await DebateFixture.register(&quick, "Quick", "quick@example.org", case: vtb).status == .ok)
            let refused = try await late.post(DebateFixture.confirmURL, DebateFixture.person("Late", "late@example.org", case: vtb))
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Sorry: the last seat of ВТБ was just taken."))
            #expect(refused.text.contains("41 seats free"))
            #expect(try await database.value("SELECT count(*)::int FROM debate_registrations WHERE email = 'late@example.org'", as: Int.self) == 0)
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 32)
            // Choosing a full case is refused at the choice too.
            let full = try await late.post(DebateFixture.chooseURL, DebateFixture.person("Late", "late@example.org", case: vtb))
            #expect(full.status == .conflict)
            #expect(full.text.contains("ВТБ is full now."))
        }
    }

    @Test("an address already registered: the page says so, shows no link, and the link is mailed to that address only")
    func alreadyRegistered() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("debate-mail-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var owner = Browser(client)
            #expect(try await DebateFixture.register(&owner, "Owner", "owner@example.org", case: cases["ВТБ"] ?? 0).status == .ok)
            var stranger = Browser(client)
            let answer = try await DebateFixture.register(&stranger, "Stranger", "OWNER@example.org", case: cases["Альфа"] ?? 0)
            #expect(answer.status == .ok)
            #expect(answer.text.contains("This address is already registered"))
            #expect(answer.text.contains("Its private link was sent to that address."))
            #expect(DebateFixture.link(in: answer.text) == nil)
            #expect(!answer.text.contains("/debate-links/"))
            #expect(try await DebateFixture.activeCount(database) == 1)
            #expect(try await DebateFixture.taken(database, pool: "Северсталь + Альфа") == 0)
            var settings = NotificationSettings()
            settings.transport = .maildir(folder: folder)
            let localizer = try Localizations(directory: Repository.templates + "/locales").localizer(for: .en)
            let job = MailDebateLinkJob(notifications: settings, debates: DebateSettings(), localizer: localizer)
            #expect(try await DebateFixture.runJobs(job, database) == 2)
            let mails = try FileManager.default.contentsOfDirectory(atPath: folder).map { try String(contentsOfFile: folder + "/" + $0, encoding: .utf8) }
            #expect(mails.count == 2)
            #expect(mails.allSatisfy { $0.contains("To: Owner <owner@example.org>") })
            #expect(mails.contains { $0.contains("tried to register this address again") && $0.contains("/debate-links/") })
            #expect(try await database.value("SELECT count(*)::int FROM debate_registration_links", as: Int.self) == 3)
        }
    }

    @Test("before opening and after closing the page shows a notice and accepts nothing", arguments: [
        "opens_at = now() + interval '1 day', closes_at = now() + interval '2 days'",
        "opens_at = now() - interval '2 days', closes_at = now() - interval '1 day'",
        "is_archived = true",
    ])
    func window(change: String) async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            // The form's token is taken while the event is open; then it opens later or closes.
            _ = try await browser.get(DebateFixture.eventURL)
            try await database.run("UPDATE debate_events SET \(change)")
            let page = try await browser.get(DebateFixture.eventURL)
            #expect(page.text.contains("Registration opens on") || page.text.contains("Registration is closed."))
            #expect(!page.text.contains(DebateFixture.chooseURL))
            let refused = try await browser.post(DebateFixture.confirmURL, DebateFixture.person("Anna", "anna@example.org", case: cases["ВТБ"] ?? 0))
            #expect(refused.status == .conflict)
            #expect(try await DebateFixture.activeCount(database) == 0)
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 0)
        }
    }

    @Test("a filled honeypot is refused and stores nothing")
    func honeypot() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            _ = try await browser.get(DebateFixture.eventURL)
            let response = try await browser.post(
                DebateFixture.confirmURL, DebateFixture.person("Bot", "bot@example.org", case: cases["ВТБ"] ?? 0) + [("website", "http://spam")]
            )
            #expect(response.status == .unprocessableContent)
            #expect(response.text.contains("could not be accepted"))
            #expect(try await DebateFixture.activeCount(database) == 0)
        }
    }

    @Test("cancel then register again with the same address: the partial unique index allows it, and refuses two active ones")
    func reRegister() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            let done = try await DebateFixture.register(&browser, "Anna", "anna@example.org", case: cases["ВТБ"] ?? 0)
            let link = try #require(DebateFixture.link(in: done.text))
            _ = try await browser.get(link)
            let cancelled = try await browser.post(link + "/cancel")
            #expect(cancelled.status == .seeOther)
            #expect(try await browser.follow(cancelled).text.contains("Your registration was cancelled."))
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 0)
            let again = try await DebateFixture.register(&browser, "Anna", "anna@example.org", case: cases["Б1"] ?? 0)
            #expect(again.text.contains("You are registered"))
            #expect(try await database.value("SELECT count(*)::int FROM debate_registrations WHERE email = 'anna@example.org'", as: Int.self) == 2)
            await #expect(throws: (any Error).self) {
                try await database.run("""
                    INSERT INTO debate_registrations (event_id, case_id, full_name, email)
                    SELECT event_id, case_id, 'Twin', email FROM debate_registrations WHERE cancelled_at IS NULL
                    """)
            }
            #expect(try await DebateFixture.mismatches(database) == 0)
        }
    }
}
