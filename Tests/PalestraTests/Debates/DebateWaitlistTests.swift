import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Debate registration: the waiting list")
struct DebateWaitlistTests {
    static let localizer = try! Localizations(directory: Repository.templates + "/locales").localizer(for: .en)

    /// Mails the queued offers into `folder` and returns the offer links found in the newest mail per entry.
    static func mailOffers(_ database: TestDatabase, folder: String) async throws -> [String] {
        var settings = NotificationSettings()
        settings.transport = .maildir(folder: folder)
        let job = MailDebateOfferJob(notifications: settings, debates: DebateSettings(), localizer: localizer, timeZone: .gmt)
        _ = try await DebateFixture.runJobs(job, database)
        return try FileManager.default.contentsOfDirectory(atPath: folder).sorted().compactMap {
            try String(contentsOfFile: folder + "/" + $0, encoding: .utf8).firstMatch(of: /\/debate-offers\/[A-Za-z0-9_-]{43}/).map { String($0.output) }
        }
    }

    static func states(_ database: TestDatabase) async throws -> [String] {
        try await database.withClient { client in
            try await client.query("SELECT state FROM debate_waitlist_entries ORDER BY id", []).map { try $0.decode("state", as: String.self) }
        }
    }

    @Test("join a full case's list; a cancellation offers the seat to the first waiting; decline passes it on; accept registers")
    func offerDeclineAccept() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("debate-offers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"])
            try await database.run("UPDATE debate_seat_pools SET capacity = 1 WHERE name = 'ВТБ'")
            var holder = Browser(client)
            let link = try #require(DebateFixture.link(in: try await DebateFixture.register(&holder, "Holder", "holder@example.org", case: vtb).text))
            var first = Browser(client), second = Browser(client)
            let page = try await first.get(DebateFixture.eventURL)
            #expect(page.text.contains("Join the waiting list"))
            let waitlistURL = DebateURL.waitlist(.value(DebateFixture.slug)).path
            #expect(try await first.post(waitlistURL, DebateFixture.person("First", "first@example.org", case: vtb)).text.contains("You are on the waiting list."))
            _ = try await second.get(DebateFixture.eventURL)
            _ = try await second.post(waitlistURL, DebateFixture.person("Second", "second@example.org", case: vtb))
            #expect(try await first.post(waitlistURL, DebateFixture.person("First", "first@example.org", case: vtb)).text.contains("already on a waiting list"))
            let open = try await first.post(waitlistURL, DebateFixture.person("First", "first@example.org", case: cases["Б1"] ?? 0))
            #expect(open.status == .conflict)
            #expect(try await Self.states(database) == ["waiting", "waiting"])

            _ = try await holder.get(link)
            _ = try await holder.post(link + "/cancel")
            #expect(try await Self.states(database) == ["offered", "waiting"])
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 1)
            #expect(try await DebateFixture.mismatches(database) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'ExpireDebateOffer' AND run_at > now() + interval '23 hours'", as: Int.self) == 1)
            // Someone else cannot take the held seat.
            var late = Browser(client)
            #expect(try await DebateFixture.register(&late, "Late", "late@example.org", case: vtb).status == .conflict)

            let offers = try await Self.mailOffers(database, folder: folder)
            let firstOffer = try #require(offers.first)
            let offerPage = try await first.get(firstOffer)
            #expect(offerPage.text.contains("the seat is held for First"))
            #expect(try await Self.states(database) == ["offered", "waiting"])
            let declined = try await first.post(firstOffer + "/decline")
            #expect(declined.text.contains("You declined the seat"))
            #expect(try await Self.states(database) == ["declined", "offered"])
            #expect(try await first.post(firstOffer + "/accept").status == .gone)

            let secondOffer = try #require(try await Self.mailOffers(database, folder: folder).last)
            let accepted = try await second.post(secondOffer + "/accept")
            #expect(accepted.status == .seeOther)
            #expect(try await second.follow(accepted).text.contains("You accepted the seat: you are registered."))
            #expect(try await Self.states(database) == ["declined", "accepted"])
            #expect(try await database.value("SELECT count(*)::int FROM debate_registrations WHERE email = 'second@example.org' AND cancelled_at IS NULL", as: Int.self) == 1)
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 1)
            #expect(try await DebateFixture.mismatches(database) == 0)
        }
    }

    @Test("an offer whose time is up expires once, however often its job runs, and the seat goes to the next person once")
    func expiry() async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"])
            try await database.run("UPDATE debate_seat_pools SET capacity = 1 WHERE name = 'ВТБ'")
            var holder = Browser(client)
            let link = try #require(DebateFixture.link(in: try await DebateFixture.register(&holder, "Holder", "holder@example.org", case: vtb).text))
            try await database.run("""
                INSERT INTO debate_waitlist_entries (event_id, case_id, full_name, email, created_at)
                SELECT event_id, id, 'W' || n, 'w' || n || '@example.org', now() + n * interval '1 second' FROM debate_cases, generate_series(1, 3) n
                WHERE name = 'ВТБ'
                """)
            _ = try await holder.get(link)
            _ = try await holder.post(link + "/cancel")
            #expect(try await Self.states(database) == ["offered", "waiting", "waiting"])
            // Not yet due: nothing happens.
            #expect(try await DebateFixture.runJobs(ExpireDebateOfferJob(), database) == 1)
            #expect(try await Self.states(database) == ["offered", "waiting", "waiting"])
            try await database.run("UPDATE debate_waitlist_entries SET offer_expires_at = now() - interval '1 second' WHERE state = 'offered'")
            let expiring = try await database.value("SELECT id FROM debate_waitlist_entries WHERE state = 'offered'", as: Int.self)
            try await database.withClient(maxConnections: 4) { postgres in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<4 {
                        group.addTask {
                            try await ExpireDebateOfferJob().run(.init(entryID: expiring), context: JobContext(jobID: 0, attempt: 1, database: postgres, logger: TestDatabase.logger))
                        }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(try await Self.states(database) == ["expired", "offered", "waiting"])
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 1)
            #expect(try await DebateFixture.mismatches(database) == 0)
        }
    }

    @Test("an automatic offer and an organiser's registration at the same moment never exceed the capacity", arguments: [1, 2, 3])
    func offerAgainstOrganiser(round: Int) async throws {
        try await TestApp.test(configure: { $0.databasePoolSize = 10 }) { client, database in
            let cases = try await DebateFixture.load(database)
            let vtb = try #require(cases["ВТБ"])
            try await database.run("UPDATE debate_seat_pools SET capacity = 1 WHERE name = 'ВТБ'")
            var holder = Browser(client)
            let link = try #require(DebateFixture.link(in: try await DebateFixture.register(&holder, "Holder", "holder@example.org", case: vtb).text))
            try await database.run("""
                INSERT INTO debate_waitlist_entries (event_id, case_id, full_name, email) SELECT event_id, id, 'W', 'w@example.org' FROM debate_cases WHERE name = 'ВТБ'
                """)
            var admin = try await Browser.signedInAdmin(client, database)
            _ = try await admin.get(AdminURL.addForm(DebateRegistrationsAdmin.resource.slug))
            _ = try await holder.get(link)
            let event = try await database.value("SELECT id FROM debate_events", as: Int.self)
            let (adminBrowser, holderBrowser) = (admin, holder)
            async let added = { var b = adminBrowser; return try await b.post(AdminURL.addForm(DebateRegistrationsAdmin.resource.slug), [
                ("event_id", String(event)), ("case_id", String(vtb)), ("full_name", "Walk-in \(round)"), ("email", "walkin@example.org"), ("affiliation", ""),
            ]) }()
            async let cancelled = { var b = holderBrowser; return try await b.post(link + "/cancel") }()
            let (addAnswer, cancelAnswer) = try await (added, cancelled)
            #expect(cancelAnswer.status == .seeOther)
            #expect(addAnswer.status.code < 500)
            let registered = try await database.value("SELECT count(*)::int FROM debate_registrations WHERE cancelled_at IS NULL", as: Int.self)
            let offered = try await database.value("SELECT count(*)::int FROM debate_waitlist_entries WHERE state = 'offered'", as: Int.self)
            #expect(registered + offered == 1)
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 1)
            #expect(try await DebateFixture.mismatches(database) == 0)
            if addAnswer.status == .unprocessableContent {
                #expect(addAnswer.text.contains("The case&#39;s seat pool is full") || addAnswer.text.contains("seat pool is full"))
            }
        }
    }
}
