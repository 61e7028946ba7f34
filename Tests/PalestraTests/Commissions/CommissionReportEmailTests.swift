import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// `generate_and_send_commission_report(manager, period)`: one multipart email with the page's numbers,
/// stored; once per manager and period with a retry and with two workers; "send again" on request; the
/// monthly job for every manager; "changed since it was sent".
@Suite("Commission report email")
struct CommissionReportEmailTests {
    static let nbsp = "\u{00A0}"

    static func withMaildir<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-commissions-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    static func mails(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".eml") }.sorted()
    }

    static func configuration(_ database: TestDatabase, folder: String) -> AppConfiguration {
        var configuration = TestApp.configuration(database: database.configuration)
        configuration.notifications = NotificationSettings(transport: .maildir(folder: folder))
        return configuration
    }

    static func worker(_ client: PostgresClient, configuration: AppConfiguration) -> JobWorker {
        var registry = JobRegistry()
        registry.register(SendCommissionReportJob(sender: CommissionReportSender(configuration: configuration, database: client)))
        return JobWorker(
            database: client, registry: registry, periodic: [], timeZone: configuration.timeZone, settings: TestWorker.settings,
            logger: TestDatabase.logger
        )
    }

    /// The text and HTML parts of a multipart/alternative mail, decoded.
    static func parts(_ text: String) throws -> (mail: ParsedMail, text: String, html: String) {
        let mail = try ParsedMail(text, lineEnding: "\r\n")
        let type = try #require(mail.raw("Content-Type"))
        let boundary = try #require(type.firstMatch(of: /boundary="([^"]+)"/)?.output.1)
        let sections = mail.rawBody.components(separatedBy: "--\(boundary)")
        try #require(sections.count == 4, "a preamble, two parts and the end")
        #expect(sections[3] == "--\r\n")
        let textPart = try ParsedMail(String(sections[1].dropFirst()), lineEnding: "\r\n")
        let htmlPart = try ParsedMail(String(sections[2].dropFirst()), lineEnding: "\r\n")
        #expect(textPart.raw("Content-Type") == "text/plain; charset=utf-8")
        #expect(htmlPart.raw("Content-Type") == "text/html; charset=utf-8")
        return (mail, textPart.body(lineEnding: "\r\n"), htmlPart.body(lineEnding: "\r\n"))
    }

    @Test("“Email this report” enqueues the job; the worker sends one multipart mail with the page's numbers, stored; a second click sends nothing")
    func emailFromThePage() async throws {
        try await Self.withMaildir { folder in
            try await TestApp.test(configure: { $0.notifications = NotificationSettings(transport: .maildir(folder: folder)) }) { client, database in
                let scene = try await CommissionFixture.make(database)
                try await database.run("UPDATE commission_entries SET note = 'Paid in **two** parts <script>alert(1)</script>' WHERE deal = 'Half'")
                var anna = Browser(client)
                try await anna.signIn("anna@example.org")
                let page = try await anna.get("/reports/commissions?period=2026-10")
                #expect(page.text.contains("Email me this report"))
                let queued = try await anna.post("/reports/commissions/email", [("period", "2026-10"), ("manager", String(scene.anna))])
                #expect(queued.status == .seeOther)
                #expect(try await anna.follow(queued).text.contains("The report will be emailed to anna@example.org in a moment."))
                let again = try await anna.post("/reports/commissions/email", [("period", "2026-10"), ("manager", String(scene.anna))])
                #expect(try await anna.follow(again).text.contains("This report is already on its way to anna@example.org."))
                #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = 'generate_and_send_commission_report'") as Int == 1)
                // Another manager's report cannot be requested
                #expect(try await anna.post("/reports/commissions/email", [("period", "2026-10"), ("manager", String(scene.boris))]).status == .notFound)

                let configuration = Self.configuration(database, folder: folder)
                try await database.withClient { pool in
                    try await TestWorker.run(Self.worker(pool, configuration: configuration)) {
                        try await eventually("the report is sent") { try Self.mails(in: folder).count == 1 }
                        try await eventually("the job completes") {
                            try await pool.scalar("SELECT count(*)::int FROM jobs WHERE state = 'completed'") as Int == 1
                        }
                    }
                }
                let names = try Self.mails(in: folder)
                #expect(names.count == 1)
                let (mail, text, html) = try Self.parts(try String(contentsOfFile: folder + "/" + names[0], encoding: .utf8))
                #expect(mail.decoded("To") == "Anna Manager <anna@example.org>")
                #expect(mail.decoded("Subject") == "Commission report, October 2026")
                #expect(mail.raw("Content-Type")?.hasPrefix("multipart/alternative; boundary=") == true)
                #expect(text.contains("Mira Member (RUB): 5 deals, base 1,004.25\(Self.nbsp)RUB, commission 100.04\(Self.nbsp)RUB"))
                #expect(text.contains("Team total (RUB): 105.04\(Self.nbsp)RUB"))
                #expect(text.contains("Team total (EUR): 10.00\(Self.nbsp)EUR"))
                #expect(html.contains("<table") && html.contains("style=\"") && html.contains("105.04\(Self.nbsp)RUB") && !html.contains("{{"))
                // The notes: Markdown through cmark in safe mode in the HTML part, as written in the text part
                #expect(html.contains("<strong>two</strong>") && !html.contains("<script>"))
                #expect(text.contains("Notes on the entries") && text.contains("Mira Member, Half:\nPaid in **two** parts"))
                let stored: String = try await database.value("SELECT recipient || '|' || period || '|' || subject FROM commission_report_sends")
                #expect(stored == "anna@example.org|2026-10|Commission report, October 2026")

                // The page says it was sent; a change to an entry afterwards shows; "Send again" sends a second mail
                let sent = try await anna.get("/reports/commissions?period=2026-10")
                #expect(sent.text.contains("Emailed to anna@example.org on") && !sent.text.contains("Changed since it was sent"))
                #expect(sent.text.contains(#"<input type="hidden" name="again" value="true">"#) && sent.text.contains("Send again"))
                let plain = try await anna.post("/reports/commissions/email", [("period", "2026-10"), ("manager", String(scene.anna))])
                #expect(try await anna.follow(plain).text.contains("This report was already emailed. Choose “Send again” to email it once more."))
                try await database.run("UPDATE commission_entries SET deal = 'Small one', version = version + 1 WHERE deal = 'Small 01'")
                #expect(try await anna.get("/reports/commissions?period=2026-10").text.contains("Changed since it was sent"))
                let resend = try await anna.post("/reports/commissions/email", [("period", "2026-10"), ("manager", String(scene.anna)), ("again", "true")])
                #expect(try await anna.follow(resend).text.contains("The report will be emailed to anna@example.org in a moment."))
                try await database.withClient { pool in
                    try await TestWorker.run(Self.worker(pool, configuration: configuration)) {
                        try await eventually("the report is sent again") { try Self.mails(in: folder).count == 2 }
                    }
                }
                #expect(try await database.value("SELECT count(*)::int FROM commission_report_sends") as Int == 2)
                #expect(!(try await anna.get("/reports/commissions?period=2026-10").text.contains("Changed since it was sent")))
            }
        }
    }

    @Test("two workers and twenty jobs for the same manager and period: exactly one mail")
    func twoWorkers() async throws {
        try await Self.withMaildir { folder in
            try await TestDatabase.with { database in
                let scene = try await CommissionFixture.make(database)
                let configuration = Self.configuration(database, folder: folder)
                try await database.withClient(maxConnections: 12) { pool in
                    // Jobs with no unique key (as if requested by several processes at once)
                    for _ in 0..<20 {
                        try await JobQueue.enqueue(SendCommissionReportJob.self, .init(managerID: scene.anna, period: "2026-10"), on: pool)
                    }
                    let first = Self.worker(pool, configuration: configuration), second = Self.worker(pool, configuration: configuration)
                    try await TestWorker.run(first) {
                        try await TestWorker.run(second) {
                            try await eventually("every job completes") {
                                try await pool.scalar("SELECT count(*)::int FROM jobs WHERE state = 'completed'") as Int == 20
                            }
                        }
                    }
                }
                #expect(try Self.mails(in: folder).count == 1)
                #expect(try await database.value("SELECT count(*)::int FROM commission_report_sends") as Int == 1)
            }
        }
    }

    @Test("a failed attempt sends nothing and stores nothing; the retry sends once; running the same job again sends nothing")
    func retry() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-commissions-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await TestDatabase.with { database in
            let scene = try await CommissionFixture.make(database)
            let configuration = Self.configuration(database, folder: folder)
            try await database.withClient { pool in
                let sender = CommissionReportSender(configuration: configuration, database: pool)
                let period = try #require(CommissionPeriod("2026-10"))
                await #expect(throws: NotificationDeliveryError.self) {
                    _ = try await sender.send(manager: scene.anna, period: period, jobID: 41, again: false)
                }
                #expect(try await database.value("SELECT count(*)::int FROM commission_report_sends") as Int == 0)
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                #expect(try await sender.send(manager: scene.anna, period: period, jobID: 41, again: false) == .sent(recipient: "anna@example.org"))
                #expect(try await sender.send(manager: scene.anna, period: period, jobID: 41, again: false) == .alreadySent)
                // Sending again is one more mail, once for its own job however often it runs
                #expect(try await sender.send(manager: scene.anna, period: period, jobID: 42, again: true) == .sent(recipient: "anna@example.org"))
                #expect(try await sender.send(manager: scene.anna, period: period, jobID: 42, again: true) == .alreadySent)
            }
            #expect(try Self.mails(in: folder).count == 2)
        }
    }

    @Test("the monthly job: one job per manager for last month, even fired twice; an empty team gets a short “no commissions” mail in its manager's language")
    func monthly() async throws {
        try await Self.withMaildir { folder in
            try await TestDatabase.with { database in
                let scene = try await CommissionFixture.make(database)
                let lonely = try await TestUsers.create("lonely@example.org", role: .manager, name: "Лидия Одинокая", in: database)
                try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [lonely])
                let configuration = Self.configuration(database, folder: folder)
                try await database.withClient { pool in
                    let today = try #require(CalendarDate("2026-11-02"))
                    for _ in 0..<2 {
                        _ = try await pool.transaction { connection in try await SendCommissionReportJob.enqueueLastMonth(today: today, on: connection) }
                    }
                    #expect(try await pool.scalar("SELECT count(*)::int FROM jobs") as Int == 3)
                    #expect(try await pool.scalar("SELECT count(DISTINCT args ->> 'period')::int || ':' || min(args ->> 'period') FROM jobs") as String == "1:2026-10")
                    try await TestWorker.run(Self.worker(pool, configuration: configuration)) {
                        try await eventually("every manager's report is sent") { try Self.mails(in: folder).count == 3 }
                    }
                }
                let lonelyMail = try Self.mails(in: folder).first { $0.hasPrefix("commission-report.\(lonely).") }
                let (mail, text, _) = try Self.parts(try String(contentsOfFile: folder + "/" + (try #require(lonelyMail)), encoding: .utf8))
                #expect(mail.decoded("Subject") == "Отчёт о комиссиях, октябрь 2026")
                #expect(text.contains("В этом периоде для вашей команды комиссий не внесено."))
                _ = scene
            }
        }
    }

    @Test("`palestra commissions send`: sends, says when it was sent already, sends again with --again; an unknown manager or period is an error")
    func shell() async throws {
        try await Self.withMaildir { folder in
            try await TestDatabase.with { database in
                _ = try await CommissionFixture.make(database)
                let configuration = Self.configuration(database, folder: folder)
                try await database.withClient { pool in
                    let first = try await CommissionReportShell.send(
                        managerEmail: "ANNA@example.org", period: "2026-10", again: false, configuration: configuration, database: pool)
                    #expect(first == "The commission report 2026-10 was sent to anna@example.org.")
                    let second = try await CommissionReportShell.send(
                        managerEmail: "anna@example.org", period: "2026-10", again: false, configuration: configuration, database: pool)
                    #expect(second.contains("was already sent"))
                    let third = try await CommissionReportShell.send(
                        managerEmail: "anna@example.org", period: "2026-10", again: true, configuration: configuration, database: pool)
                    #expect(third == "The commission report 2026-10 was sent to anna@example.org.")
                    await #expect(throws: CommissionReportShell.Failure.self) {
                        _ = try await CommissionReportShell.send(
                            managerEmail: "mira@example.org", period: "2026-10", again: false, configuration: configuration, database: pool)
                    }
                    await #expect(throws: CommissionReportShell.Failure.self) {
                        _ = try await CommissionReportShell.send(
                            managerEmail: "anna@example.org", period: "2026-13", again: false, configuration: configuration, database: pool)
                    }
                }
                #expect(try Self.mails(in: folder).count == 2)
                #expect(try await database.value("SELECT count(*)::int FROM commission_report_sends WHERE job_id IS NULL") as Int == 2)
            }
        }
    }

    @Test("the mail's HTML template reads only what its view model has (it is not a page, so start-up does not check it)")
    func templateMatchesViewModel() throws {
        let views = try Views(templatesDirectory: Repository.templates, publicDirectory: Repository.publicFiles, timeZone: .gmt)
        let library = try #require(views.libraries[.en])
        #expect(library.check(CommissionReportMail.template, rootedAt: CommissionReportMail.HTMLView.mustacheTable).isEmpty)
    }
}
