import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

/// The private link after registration has closed: switching is over, cancelling is not — someone who
/// cannot come should still free the seat so the waiting list moves on, and the organisers hear that the
/// cancellation came late.
@Suite("Debate registration: cancelling through the private link after registration closes")
struct DebateLateCancelTests {
    @Test("the page says registration has closed and offers no switch; a stale switch keeps the seat; cancel frees it for the waiting list and tells the organisers it came late",
          arguments: [
              ("opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute'", "Registration closed on "),
              ("is_archived = true", "Registration is closed: switching to another case is no longer possible. You can still cancel."),
          ])
    func lateCancel(change: String, notice: String) async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"]), alfa = try #require(cases["Альфа"])
            try await database.run("UPDATE debate_seat_pools SET capacity = 1 WHERE name = 'ВТБ'")
            var browser = Browser(client)
            let link = try #require(DebateFixture.link(in: try await DebateFixture.register(&browser, "Анна", "anna@example.org", case: vtb).text))
            try await database.run("""
                INSERT INTO debate_waitlist_entries (event_id, case_id, full_name, email) SELECT event_id, id, 'Вера', 'vera@example.org' FROM debate_cases WHERE name = 'ВТБ'
                """)
            let open = try await browser.get(link)
            #expect(!open.text.contains("switching to another case is no longer possible"))
            try await database.run("UPDATE debate_events SET \(change)")

            let page = try await browser.get(link)
            #expect(page.status == .ok)
            #expect(page.text.contains(notice))
            #expect(page.text.contains("switching to another case is no longer possible. You can still cancel."))
            #expect(!page.text.contains("Switch to another case"))
            #expect(!page.text.contains(link + "/switch"))
            #expect(page.text.contains("If you cannot come, please cancel: your seat is freed at once for the next person waiting, and the organisers are told."))
            #expect(page.text.contains("action=\"\(link)/cancel\""))

            // A switch form left open in another tab: refused, the seat kept, cancelling still offered.
            let stale = try await browser.post(link + "/switch", [("case", String(alfa))])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Registration is closed: you keep your seat in the case you had. You can still cancel."))
            #expect(try await database.value("SELECT c.name FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id", as: String.self) == "ВТБ")
            #expect(try await DebateFixture.taken(database, pool: "Северсталь + Альфа") == 0)

            let cancelled = try await browser.post(link + "/cancel")
            #expect(cancelled.status == .seeOther)
            let after = try await browser.follow(cancelled)
            #expect(after.text.contains("Your registration was cancelled."))
            #expect(after.text.contains("Cancelled on"))
            #expect(!after.text.contains("You can still cancel."))
            #expect(!after.text.contains("Cancel my registration"))
            #expect(try await DebateFixture.activeCount(database) == 0)
            // The seat went on to the first person waiting, held for them (still counted).
            #expect(try await database.value("SELECT state FROM debate_waitlist_entries", as: String.self) == "offered")
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 1)
            #expect(try await DebateFixture.mismatches(database) == 0)
            // The organisers are told the cancellation came late.
            try await TestUsers.create("org@example.org", role: .admin, name: "Org", in: database)
            let localizer = try Localizations(directory: Repository.templates + "/locales").localizer(for: .en)
            let notices = DebateChangeNoticeJob(localizer: localizer, telegram: nil)
            #expect(try await DebateFixture.runJobs(notices, database) == 2)
            let subjects = try await database.withClient { postgres in
                try await postgres.query("SELECT subject FROM notifications ORDER BY id", []).map { try $0.decode("subject", as: String.self) }
            }
            #expect(subjects.last == "Debate registration cancelled after registration closed: Анна, ВТБ")
        }
    }

    @Test("in Russian: the closed notice and the late cancel's words")
    func russian() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "ru"
            let link = try #require(DebateFixture.link(in: try await DebateFixture.register(&browser, "Анна", "anna@example.org", case: cases["ВТБ"] ?? 0).text))
            try await database.run("UPDATE debate_events SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 minute'")
            let page = try await browser.get(link)
            #expect(page.text.contains("Регистрация закрылась"))
            #expect(page.text.contains("сменить кейс уже нельзя. Отменить регистрацию по-прежнему можно."))
            #expect(page.text.contains("Если не сможете прийти, пожалуйста, отмените регистрацию"))
        }
    }
}
