import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Debate registration: the organisers' pages, notices and tools")
struct DebateOrganiserTests {
    static func registerSome(_ client: any TestClientProtocol, _ cases: [String: Int], count: Int, prefix: String = "p") async throws {
        var browser = Browser(client)
        for index in 0..<count {
            let name = ["ВТБ", "Алабуга", "Альфа"][index % 3]
            _ = try await DebateFixture.register(&browser, "=HYPERLINK(\"x\") \(index)", "\(prefix)\(index)@example.org", case: cases[name] ?? 0)
        }
    }

    /// Runs `body` against the whole application on a database of its own holding the seed's event (its cases' ids
    /// by name) and `registered` people signed up through its public page, with a browser: an administrator's, signed
    /// in, unless `signedIn` is false (then a visitor's).
    static func withEvent(
        registered: Int = 0, signedIn: Bool = true,
        _ body: @escaping @Sendable (any TestClientProtocol, TestDatabase, [String: Int], inout Browser) async throws -> Void
    ) async throws {
        try await TestApp.test { client, database in
            let cases = try await DebateFixture.load(database)
            try await registerSome(client, cases, count: registered)
            var browser = signedIn ? try await Browser.signedInAdmin(client, database) : Browser(client)
            try await body(client, database, cases, &browser)
        }
    }

    @Test("lowering a pool's capacity below its seats taken is refused beside the field; a case in another event's pool too")
    func poolCapacity() async throws {
        try await Self.withEvent(registered: 3) { client, database, cases, admin in
            let pool = try await database.value("SELECT id FROM debate_seat_pools WHERE name = 'ВТБ'", as: Int.self)
            let form = try await admin.get(AdminURL.changeForm(DebatePoolsAdmin.resource.slug, String(pool)))
            #expect(form.status == .ok)
            let refused = try await admin.post(AdminURL.changeForm(DebatePoolsAdmin.resource.slug, String(pool)), [
                ("name", "ВТБ"), ("capacity", "0"), ("note", ""), ("version", "1"),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("The capacity cannot be lower than the seats already taken."))
            #expect(try await database.value("SELECT capacity FROM debate_seat_pools WHERE id = $1", [pool], as: Int.self) == 32)
            let saved = try await admin.post(AdminURL.changeForm(DebatePoolsAdmin.resource.slug, String(pool)), [
                ("name", "ВТБ"), ("capacity", "1"), ("note", ""), ("version", "1"),
            ])
            #expect(saved.status == .seeOther)
            #expect(try await database.value("SELECT capacity FROM debate_seat_pools WHERE id = $1", [pool], as: Int.self) == 1)
            // A case whose pool belongs to another event.
            _ = try await admin.get(AdminURL.addForm(DebateEventsAdmin.resource.slug))
            let other = try await admin.post(AdminURL.addForm(DebateEventsAdmin.resource.slug), [
                ("title", "Other"), ("slug", "other"), ("description", ""), ("opens_at", "2026-01-01T10:00"), ("closes_at", "2026-01-02T10:00"), ("offer_hours", "24"),
            ])
            try #require(other.status == .seeOther)
            let otherEvent = try await database.value("SELECT id FROM debate_events WHERE slug = 'other'", as: Int.self)
            _ = try await admin.get(AdminURL.addForm(DebateCasesAdmin.resource.slug))
            let wrongPool = try await admin.post(AdminURL.addForm(DebateCasesAdmin.resource.slug), [
                ("event_id", String(otherEvent)), ("pool_id", String(pool)), ("name", "X"), ("description", ""), ("position", "0"),
            ])
            #expect(wrongPool.status == .unprocessableContent)
            #expect(wrongPool.text.contains("Choose a seat pool of the same event."))
            let badWindow = try await admin.post(AdminURL.addForm(DebateEventsAdmin.resource.slug), [
                ("title", "Bad"), ("slug", "Bad Slug"), ("description", ""), ("opens_at", "2026-01-02T10:00"), ("closes_at", "2026-01-01T10:00"), ("offer_hours", "24"),
            ])
            #expect(badWindow.status == .unprocessableContent)
            #expect(badWindow.text.contains("Registration must close after it opens."))
            #expect(badWindow.text.contains("Use lower-case letters, digits and single hyphens"))
        }
    }

    @Test("statistics per case and per pool with an SVG chart; the counter check finds none, then a drift, repaired and audited")
    func statisticsAndCheck() async throws {
        try await Self.withEvent(registered: 4) { client, database, cases, admin in
            let page = try await admin.get(DebateAdminURL.statistics.path)
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
            #expect(page.text.contains("ВТБ: 2 / 32"))
            #expect(page.text.contains("Алабуга + Б1: 1 / 41"))
            let check = try await admin.get(DebateAdminURL.check.path)
            #expect(check.text.contains("Every pool&#39;s counter equals") || check.text.contains("Every pool's counter equals"))
            try await database.run("UPDATE debate_seat_pools SET taken = 7 WHERE name = 'ВТБ'")
            let drift = try await admin.get(DebateAdminURL.check.path)
            #expect(drift.text.contains("1 pool has a counter that differs from its rows."))
            let repaired = try await admin.follow(try await admin.post(DebateAdminURL.check.path))
            #expect(repaired.text.contains("1 pool counter repaired."))
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 2)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'debate-pools' AND action = 'change'", as: Int.self) == 1)
            var student = Browser(client)
            try await TestUsers.create("s@example.org", role: .student, name: "S", in: database)
            try await student.signIn("s@example.org")
            #expect(try await student.get(DebateAdminURL.statistics.path).status == .forbidden)
        }
    }

    @Test("the CSV export: a byte-order mark, a header row, one row per active participant, formulas neutralised")
    func export() async throws {
        try await Self.withEvent(registered: 3) { client, database, cases, admin in
            let event = try await database.value("SELECT id FROM debate_events", as: Int.self)
            let csv = try await admin.get(DebateAdminURL.export(event))
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let text = csv.text
            #expect(text.hasPrefix("\u{FEFF}Full name,Email,University or organisation,Case,Registered at\r\n"))
            #expect(text.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 4)
            #expect(text.contains("'=HYPERLINK"))
            #expect(!text.contains(",=HYPERLINK"))
            #expect(try await admin.get(DebateAdminURL.export(999_999)).status == .notFound)
        }
    }

    @Test("registrations: search and filters, cancel one (audited, the seat freed), cancel all after typing the event's title")
    func registrations() async throws {
        try await Self.withEvent(registered: 6) { client, database, cases, admin in
            let slug = DebateRegistrationsAdmin.resource.slug
            let search = try await admin.get(AdminURL.changeList(slug) + "?q=p3%40example")
            #expect(search.text.contains("p3@example.org"))
            #expect(!search.text.contains("p4@example.org"))
            let filtered = try await admin.get(AdminURL.changeList(slug) + "?case=\(cases["ВТБ"] ?? 0)")
            #expect(filtered.text.contains("p0@example.org") && filtered.text.contains("p3@example.org") && !filtered.text.contains("p1@example.org"))
            let one = try await database.value("SELECT id FROM debate_registrations WHERE email = 'p0@example.org'", as: Int.self)
            let done = try await admin.post(AdminURL.actions(slug), [("action", "cancel"), ("selected", String(one)), ("confirm", "yes")])
            #expect(done.status == .seeOther)
            #expect(try await database.value("SELECT cancelled_at IS NOT NULL FROM debate_registrations WHERE id = $1", [one], as: Bool.self))
            #expect(try await DebateFixture.taken(database, pool: "ВТБ") == 1)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = $1 AND object_id = $2", [slug, String(one)], as: Int.self) == 1)
            let cancelledList = try await admin.get(AdminURL.changeList(slug) + "?state=cancelled")
            #expect(cancelledList.text.contains("p0@example.org") && !cancelledList.text.contains("p1@example.org"))

            let event = try await database.value("SELECT id FROM debate_events", as: Int.self)
            let page = AdminURL.objectPage(.value(DebateEventsAdmin.resource.slug), .value(String(event)), page: .value(DebateCancelAllPage.name)).path
            let ask = try await admin.get(page)
            #expect(ask.text.contains("5 active registrations will be cancelled"))
            let wrong = try await admin.post(page, [("confirmation", "Дебаты")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("Type the event&#39;s title exactly") || wrong.text.contains("Type the event's title exactly"))
            #expect(try await DebateFixture.activeCount(database) == 5)
            let right = try await admin.follow(try await admin.post(page, [("confirmation", " \(DebateDemoSeed.title) ")]))
            #expect(right.text.contains("5 registrations were cancelled."))
            #expect(try await DebateFixture.activeCount(database) == 0)
            #expect(try await database.value("SELECT sum(taken)::int FROM debate_seat_pools", as: Int.self) == 0)
            #expect(try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = $1", [slug], as: Int.self) == 6)
        }
    }

    @Test("every registration, switch and cancellation notifies each administrator (inbox and mail job) and the Telegram chat's job")
    func notices() async throws {
        try await Self.withEvent(signedIn: false) { _, database, cases, browser in
            try await TestUsers.create("a1@example.org", role: .admin, name: "A1", in: database)
            try await TestUsers.create("a2@example.org", role: .admin, name: "A2", in: database)
            try await TestUsers.create("c@example.org", role: .coach, name: "C", in: database)
            let link = try #require(DebateFixture.link(in: try await DebateFixture.register(&browser, "Анна", "anna@example.org", case: cases["ВТБ"] ?? 0).text))
            _ = try await browser.get(link)
            _ = try await browser.post(link + "/switch", [("case", String(cases["Б1"] ?? 0))])
            _ = try await browser.post(link + "/cancel")
            let localizer = try Localizations(directory: Repository.templates + "/locales").localizer(for: .en)
            let chat = TelegramBotChat(apiURL: "http://127.0.0.1:9", botToken: "t", chatID: "c")
            #expect(try await DebateFixture.runJobs(DebateChangeNoticeJob(localizer: localizer, telegram: chat), database) == 3)
            let subjects = try await database.withClient { postgres in
                try await postgres.query("SELECT subject FROM notifications ORDER BY id", []).map { try $0.decode("subject", as: String.self) }
            }
            #expect(subjects.count == 6)
            #expect(subjects.contains("New debate registration: Анна, ВТБ"))
            #expect(subjects.contains("Анна switched from ВТБ to Б1"))
            #expect(subjects.contains("Debate registration cancelled: Анна, Б1"))
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'DeliverNotification'", as: Int.self) == 6)
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'SendTelegramMessage'", as: Int.self) == 3)
        }
    }

    /// A stand-in for the Bot API: answers `sendMessage` as Telegram does and records what it was sent.
    final class FakeBotAPI: Sendable {
        let received = Mutex<[String]>([])
        let refuse: Bool

        init(refuse: Bool = false) { self.refuse = refuse }

        func application() -> some ApplicationProtocol {
            let router = Router()
            router.post("/botsecret-token/sendMessage") { [self] request, context -> Response in
                let body = try await request.body.collect(upTo: 65536)
                self.received.withLock { $0.append(String(buffer: body)) }
                let answer = refuse ? #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"# : #"{"ok":true,"result":{"message_id":1}}"#
                return Response(status: refuse ? .badRequest : .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: answer)))
            }
            return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        }
    }

    @Test("the Telegram transport posts sendMessage with the chat id and text; a refusal throws so the queue retries")
    func telegram() async throws {
        let bot = FakeBotAPI()
        try await bot.application().test(.live) { client in
            let port = try #require(client.port)
            let chat = TelegramBotChat(apiURL: "http://127.0.0.1:\(port)", botToken: "secret-token", chatID: "-100200")
            try await SendTelegramMessageJob(chat: chat).run(
                .init(text: "New debate registration: Анна, ВТБ"), context: JobContext(jobID: 1, attempt: 1, database: PostgresClient(configuration: try TestDatabase.maintenanceConfiguration(), maxConnections: 1, logger: TestDatabase.logger), logger: TestDatabase.logger)
            )
            let sent = try #require(bot.received.withLock { $0 }.first)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(sent.utf8)) as? [String: String])
            #expect(json == ["chat_id": "-100200", "text": "New debate registration: Анна, ВТБ"])
        }
        let refusing = FakeBotAPI(refuse: true)
        try await refusing.application().test(.live) { client in
            let chat = TelegramBotChat(apiURL: "http://127.0.0.1:\(client.port ?? 0)", botToken: "secret-token", chatID: "x")
            await #expect(throws: TelegramBotChat.Failure.self) { try await chat.send("hello") }
        }
    }

    @Test("palestra debates: stats, check (exit 1 on a drift, --repair), registrations --search, export, reset after the title")
    func tools() async throws {
        try await Self.withEvent(registered: 3, signedIn: false) { _, database, _, _ in
            try await database.withClient { postgres in
                let tools = DebateTools(database: postgres, timeZone: .gmt)
                let stats = try await tools.statistics()
                #expect(stats.contains("case ВТБ: registered 1, capacity 32, free 31, waiting 0"))
                #expect(stats.contains("pool Алабуга + Б1: taken 1 of 41, free 40"))
                #expect(try await tools.check(repair: false).isClean)
                _ = try await postgres.execute("UPDATE debate_seat_pools SET taken = 5 WHERE name = 'ВТБ'", [])
                let drift = try await tools.check(repair: false)
                #expect(!drift.isClean && drift.report.contains("pool ВТБ (\(DebateDemoSeed.title)): counter 5, rows 1"))
                #expect(try await tools.check(repair: true).report.contains("Repaired 1 of 1."))
                #expect(try await tools.check(repair: false).isClean)
                #expect(try await tools.registrations(search: "p1@").contains("p1@example.org"))
                #expect(!(try await tools.registrations(search: "p1@").contains("p2@example.org")))
                #expect(try await tools.export(slug: DebateFixture.slug).hasPrefix("\u{FEFF}Full name,Email"))
                await #expect(throws: DebateTools.Failure.noEvent("nope")) { try await tools.export(slug: "nope") }
                await #expect(throws: DebateTools.Failure.confirmationMismatch) { try await tools.reset(slug: DebateFixture.slug, confirmation: "yes") }
                #expect(try await tools.reset(slug: DebateFixture.slug, confirmation: DebateDemoSeed.title) == 3)
            }
            #expect(try await DebateFixture.activeCount(database) == 0)
            let process = try ServerProcess(arguments: ["debates", "check"], environment: ["DATABASE_URL": database.connectionString], captureOutput: true)
            let (status, _) = try await process.waitForExit()
            #expect(status == 0)
            #expect(try process.output().contains("Every pool's counter equals its rows."))
        }
    }

    @Test("palestra seed loads the seed's event once: five cases, ВТБ 32 alone, Алабуга and Б1 sharing 41, Северсталь and Альфа sharing 42, open now")
    func seed() async throws {
        try await TestDatabase.with { database in
            let process = try ServerProcess(arguments: ["seed"], environment: ["DATABASE_URL": database.connectionString], captureOutput: true)
            let (status, errors) = try await process.waitForExit(timeout: .seconds(60))
            #expect(status == 0, "\(errors)")
            #expect(try process.output().contains("Debate event loaded: \(DebateDemoSeed.title), 5 cases, 115 seats, at /debates/\(DebateDemoSeed.slug)"))
            let pools: [String] = try await database.withClient { client in
                try await client.query(
                    "SELECT p.name || ' ' || p.capacity || ' ' || string_agg(c.name, '+' ORDER BY c.position) AS pool FROM debate_seat_pools p JOIN debate_cases c ON c.pool_id = p.id GROUP BY p.id ORDER BY p.id", []
                ).map { try $0.decode("pool", as: String.self) }
            }
            #expect(pools == ["ВТБ 32 ВТБ", "Алабуга + Б1 41 Алабуга+Б1", "Северсталь + Альфа 42 Северсталь+Альфа"])
            #expect(try await database.value("SELECT opens_at < now() AND closes_at > now() FROM debate_events", as: Bool.self))
            let again = try await database.withClient { client in try await DebateDemoSeed(database: client).load { _ in } }
            #expect(again == false)
            #expect(try await database.value("SELECT count(*)::int FROM debate_events", as: Int.self) == 1)
        }
    }
}