import Foundation
import Logging
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Notification delivery")
struct NotificationDeliveryTests {
    /// A student named in Cyrillic with one notification about a lesson; (user id, notification id).
    static func setUp(
        _ database: TestDatabase, subject: String = "Занятие «Алгебра» перенесено", body: String = "Теперь в **понедельник**.\n\nКабинет 12."
    ) async throws -> (user: Int, notification: Int) {
        let user = try await TestUsers.create("student@example.org", role: .student, name: "Ученик Иванов", in: database)
        let id = try await database.withClient(maxConnections: 1) { client in
            try await client.transaction { connection in
                try await Notifier.notify(recipient: user, kind: "lesson.moved", subject: subject, body: body, link: "/lessons/7", on: connection)
            }
        }
        return (user, id)
    }

    static func run(
        _ notification: Int, settings: NotificationSettings, client: PostgresClient, logger: Logger = TestDatabase.logger
    ) async throws {
        let context = JobContext(jobID: 1, attempt: 1, database: client, logger: logger)
        try await DeliverNotification(settings: settings).run(.init(notificationID: notification), context: context)
    }

    static func isDelivered(_ id: Int, _ database: TestDatabase) async throws -> Bool {
        try await database.value("SELECT delivered_at IS NOT NULL FROM notifications WHERE id = $1", [id])
    }

    /// A fresh temporary folder's path (not created) and its removal.
    static func withTemporaryPath<T>(_ body: (String) async throws -> T) async throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("palestra-mail-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }

    static func files(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test("maildir: one well-formed .eml per notification, Cyrillic subject and name as encoded-words; a second run sends nothing")
    func maildir() async throws {
        try await TestDatabase.with { database in
            let (_, id) = try await Self.setUp(database)
            try await Self.withTemporaryPath { folder in
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                let settings = NotificationSettings(transport: .maildir(folder: folder), sender: try #require(MailAddress("Палестра <noreply@palestra.example>")))
                try await database.withClient { client in
                    try await Self.run(id, settings: settings, client: client)
                    let names = try Self.files(in: folder)
                    try #require(names.count == 1)
                    #expect(names[0].hasPrefix("notification.\(id).") && names[0].hasSuffix(".eml"))
                    let path = folder + "/" + names[0]
                    let text = try String(contentsOfFile: path, encoding: .utf8)
                    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
                    let mail = try ParsedMail(text, lineEnding: "\r\n")
                    for line in mail.headerLines {
                        #expect(line.count <= 78 && line.allSatisfy(\.isASCII), "\(line)")
                    }
                    #expect(mail.decoded("Subject") == "Занятие «Алгебра» перенесено")
                    #expect(mail.raw("Subject")?.hasPrefix("=?UTF-8?B?") == true)
                    #expect(mail.decoded("From") == "Палестра <noreply@palestra.example>")
                    #expect(mail.decoded("To") == "Ученик Иванов <student@example.org>")
                    #expect(mail.raw("MIME-Version") == "1.0")
                    #expect(mail.raw("Content-Type") == "text/plain; charset=utf-8")
                    #expect(mail.raw("Content-Transfer-Encoding") == "8bit")
                    let messageID = try #require(mail.raw("Message-ID"))
                    #expect(messageID.wholeMatch(of: /<notification\.\d+\.\d+@palestra\.example>/) != nil, "\(messageID)")
                    #expect(names[0] == String(messageID.dropFirst().dropLast().prefix { $0 != "@" }) + ".eml")
                    let date = try #require(mail.raw("Date"))
                    let parser = DateFormatter()
                    parser.locale = Locale(identifier: "en_US_POSIX")
                    parser.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
                    let sent = try #require(parser.date(from: date), "\(date)")
                    #expect(abs(sent.timeIntervalSinceNow) < 60)
                    #expect(mail.body(lineEnding: "\r\n") == "Теперь в **понедельник**.\n\nКабинет 12.\n\n/lessons/7\n")
                    #expect(try await Self.isDelivered(id, database))

                    let written = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
                    let deliveredAt: Date = try await database.value("SELECT delivered_at FROM notifications WHERE id = $1", [id])
                    try await Self.run(id, settings: settings, client: client)
                    #expect(try Self.files(in: folder) == names)
                    #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date == written)
                    #expect(try await database.value("SELECT delivered_at FROM notifications WHERE id = $1", [id], as: Date.self) == deliveredAt)
                }
            }
        }
    }

    @Test("maildir into a folder that does not exist yet fails and leaves delivered_at NULL; once it exists, the next run delivers once")
    func maildirFailsThenDelivers() async throws {
        try await TestDatabase.with { database in
            let (_, id) = try await Self.setUp(database)
            try await Self.withTemporaryPath { folder in
                let settings = NotificationSettings(transport: .maildir(folder: folder))
                let log = CapturedLog()
                try await database.withClient { client in
                    await #expect(throws: NotificationDeliveryError.self) {
                        try await Self.run(id, settings: settings, client: client, logger: log.logger)
                    }
                    #expect(try await !Self.isDelivered(id, database))
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                    try await Self.run(id, settings: settings, client: client, logger: log.logger)
                    try await Self.run(id, settings: settings, client: client, logger: log.logger)
                    #expect(try Self.files(in: folder).count == 1)
                    #expect(log.messages.filter { $0 == "notification delivered to a maildir" }.count == 1)
                    #expect(try await Self.isDelivered(id, database))
                }
            }
        }
    }

    @Test("a line over 998 bytes sends the body quoted-printable, which decodes to the text")
    func quotedPrintableBody() async throws {
        try await TestDatabase.with { database in
            let long = String(repeating: "Длинная строка = очень длинная ", count: 40) + "  "
            let (_, id) = try await Self.setUp(database, subject: "Long body", body: long + "\nsecond line\t")
            try await Self.withTemporaryPath { folder in
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
                try await database.withClient { client in
                    try await Self.run(id, settings: NotificationSettings(transport: .maildir(folder: folder)), client: client)
                    let text = try String(contentsOfFile: folder + "/" + (try Self.files(in: folder))[0], encoding: .utf8)
                    let mail = try ParsedMail(text, lineEnding: "\r\n")
                    #expect(mail.raw("Subject") == "Long body")
                    #expect(mail.raw("Content-Transfer-Encoding") == "quoted-printable")
                    #expect(mail.rawBody.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 && $0.allSatisfy(\.isASCII) })
                    #expect(mail.body(lineEnding: "\r\n") == long + "\nsecond line\n\n/lessons/7\n")
                }
            }
        }
    }

    @Test("log: one line, Notification sent to <role> <id> about <subject>")
    func log() async throws {
        try await TestDatabase.with { database in
            let (user, id) = try await Self.setUp(database, subject: #"lesson "Algebra""#)
            let log = CapturedLog()
            try await database.withClient { client in
                try await Self.run(id, settings: NotificationSettings(), client: client, logger: log.logger)
                try await Self.run(id, settings: NotificationSettings(), client: client, logger: log.logger)
            }
            let sent = log.all.filter { $0.level == .info }.map(\.message)
            #expect(sent == [#"Notification sent to student \#(user) about lesson "Algebra""#])
            #expect(try await Self.isDelivered(id, database))
        }
    }

    @Test("many runs of the same job at once deliver it once")
    func concurrentRuns() async throws {
        try await TestDatabase.with { database in
            let (_, id) = try await Self.setUp(database)
            let log = CapturedLog()
            try await database.withClient(maxConnections: 8) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<16 {
                        group.addTask { try await Self.run(id, settings: NotificationSettings(), client: client, logger: log.logger) }
                    }
                    try await group.waitForAll()
                }
            }
            #expect(log.messages.filter { $0.hasPrefix("Notification sent to") }.count == 1)
        }
    }

    @Test("a notification deleted with its recipient is nothing to deliver")
    func gone() async throws {
        try await TestDatabase.with { database in
            let (user, id) = try await Self.setUp(database)
            try await database.run("DELETE FROM users WHERE id = $1", [user])
            let log = CapturedLog()
            try await database.withClient { client in
                try await Self.run(id, settings: NotificationSettings(), client: client, logger: log.logger)
            }
            #expect(!log.messages.contains { $0.hasPrefix("Notification sent") })
        }
    }

    @Test("with a 300 ms delay, two deliveries on one connection wait at the same time: both start waiting before either is sent")
    func delay() async throws {
        try await TestDatabase.with { database in
            let (user, first) = try await Self.setUp(database)
            let second = try await database.withClient(maxConnections: 1) { client in
                try await client.transaction { connection in
                    try await Notifier.notify(recipient: user, kind: "lesson.moved", subject: "Second", body: "", on: connection)
                }
            }
            let log = CapturedLog()
            let settings = NotificationSettings(delay: .milliseconds(300))
            let clock = ContinuousClock()
            let started = clock.now
            // One connection for both: a delivery that held it while waiting would make the other wait too.
            try await database.withClient(maxConnections: 1) { client in
                async let one: Void = Self.run(first, settings: settings, client: client, logger: log.logger)
                async let two: Void = Self.run(second, settings: settings, client: client, logger: log.logger)
                _ = try await (one, two)
            }
            let elapsed = clock.now - started
            let events = log.messages.filter { $0 == "waiting before delivery" || $0.hasPrefix("Notification sent") }
            #expect(events.count == 4)
            #expect(events.prefix(2).allSatisfy { $0 == "waiting before delivery" }, "\(events)")
            // The order above is the claim; no upper bound on the time, which a loaded machine can stretch.
            #expect(elapsed >= .milliseconds(300), "\(elapsed)")
            #expect(try await Self.isDelivered(first, database))
            #expect(try await Self.isDelivered(second, database))
        }
    }
}
