import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Configuration")
struct ConfigurationTests {
    static let url = "postgres://palestra@/palestra?host=/tmp"

    @Test("defaults")
    func defaults() throws {
        let configuration = try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url])
        #expect(configuration.host == "127.0.0.1")
        #expect(configuration.port == 8080)
        #expect(configuration.timeZone.identifier == "Europe/Moscow")
        #expect(configuration.defaultLanguage == .en)
        #expect(configuration.bodyLimit == 2 * 1024 * 1024)
        #expect(configuration.databasePoolSize == 10)
        #expect(configuration.pageCachePages == 64)
    }

    @Test("every variable is read")
    func values() throws {
        let configuration = try AppConfiguration.fromEnvironment([
            "DATABASE_URL": Self.url, "PALESTRA_HOST": "0.0.0.0", "PALESTRA_PORT": "9090",
            "PALESTRA_TIME_ZONE": "Asia/Yekaterinburg", "PALESTRA_LANGUAGE": "ru", "PALESTRA_BODY_LIMIT": "4096",
            "PALESTRA_DB_POOL_SIZE": "3", "PALESTRA_DB_TIMEOUT": "7", "PALESTRA_TEMPLATES": "/t",
            "PALESTRA_PUBLIC": "/p", "PALESTRA_MIGRATIONS": "/m", "PALESTRA_PAGE_CACHE_PAGES": "0",
        ])
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.port == 9090)
        #expect(configuration.timeZone.identifier == "Asia/Yekaterinburg")
        #expect(configuration.defaultLanguage == .ru)
        #expect(configuration.bodyLimit == 4096)
        #expect(configuration.databasePoolSize == 3)
        #expect(configuration.databaseCheckoutTimeout == .seconds(7))
        #expect(configuration.templatesDirectory == "/t")
        #expect(configuration.publicDirectory == "/p")
        #expect(configuration.migrationsDirectory == "/m")
        #expect(configuration.pageCachePages == 0)
    }

    @Test("a missing or invalid value stops with one line naming it", arguments: [
        ([:], "DATABASE_URL is not set"),
        (["DATABASE_URL": "  "], "DATABASE_URL is not set"),
        (["DATABASE_URL": "mysql://x"], "DATABASE_URL is not a valid PostgreSQL URL"),
        (["DATABASE_URL": url, "PALESTRA_PORT": "http"], "PALESTRA_PORT 'http' is not a whole number from 1 to 65535"),
        (["DATABASE_URL": url, "PALESTRA_PORT": "70000"], "PALESTRA_PORT '70000' is not a whole number from 1 to 65535"),
        (["DATABASE_URL": url, "PALESTRA_TIME_ZONE": "Mars/Olympus"], "PALESTRA_TIME_ZONE 'Mars/Olympus' is not a time zone"),
        (["DATABASE_URL": url, "PALESTRA_LANGUAGE": "de"], "PALESTRA_LANGUAGE 'de' is not one of en, ru"),
        (["DATABASE_URL": url, "PALESTRA_BODY_LIMIT": "-1"], "PALESTRA_BODY_LIMIT '-1' is not a whole number"),
        (["DATABASE_URL": url, "PALESTRA_DB_POOL_SIZE": "0"], "PALESTRA_DB_POOL_SIZE '0' is not a whole number"),
        (["DATABASE_URL": url, "PALESTRA_API_TOKEN_CACHE_SECONDS": "61"], "PALESTRA_API_TOKEN_CACHE_SECONDS '61' is not a whole number from 0 to 60"),
        (["DATABASE_URL": url, "PALESTRA_PAGE_CACHE_PAGES": "lots"], "PALESTRA_PAGE_CACHE_PAGES 'lots' is not a whole number from 0 to 10000"),
    ] as [([String: String], String)])
    func invalid(environment: [String: String], message: String) {
        do {
            _ = try AppConfiguration.fromEnvironment(environment)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("notification delivery: log by default; maildir, sendmail, sender and delay read")
    func notifications() throws {
        let defaults = try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url]).notifications
        #expect(defaults == NotificationSettings(transport: .log, sender: MailAddress("Palestra <noreply@palestra.example>")!, delay: .zero))
        let folder = FileManager.default.temporaryDirectory.path
        let maildir = try AppConfiguration.fromEnvironment([
            "DATABASE_URL": Self.url, "PALESTRA_MAIL_TRANSPORT": "maildir", "PALESTRA_MAILDIR": folder,
            "PALESTRA_MAIL_FROM": "Школа <school@example.org>", "PALESTRA_NOTIFICATION_DELAY_MS": "5000",
        ]).notifications
        #expect(maildir.transport == .maildir(folder: folder))
        #expect(maildir.sender == MailAddress("Школа <school@example.org>"))
        #expect(maildir.delay == .milliseconds(5000))
        let sendmail = try AppConfiguration.fromEnvironment([
            "DATABASE_URL": Self.url, "PALESTRA_MAIL_TRANSPORT": "sendmail", "PALESTRA_SENDMAIL": "/bin/cat",
        ]).notifications
        #expect(sendmail.transport == .sendmail(path: "/bin/cat"))
    }

    @Test("every process's registry has the delivery job, the training jobs and the queue's own kinds")
    func jobRegistry() async throws {
        let configuration = try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url])
        let database = PostgresClient(configuration: configuration.database, maxConnections: 1, logger: TestDatabase.logger)
        let registry = JobSetup.registry(configuration: configuration, database: database)
        #expect(registry.names == [
            DeliverNotification.name, NoOpJob.name, PurgeEndedBrowserSessionsJob.name, SleepJob.name,
            ScheduleResyncJob.name, GenerateMonthTrainingSessionsJob.name, CleanupOldTrainingSessionsJob.name, AutoCloseTrainingSessionsJob.name,
            ScheduleChangeNoticeJob.name,
            MailDebateLinkJob.name, MailDebateOfferJob.name, ExpireDebateOfferJob.name, DebateChangeNoticeJob.name, SendTelegramMessageJob.name,
            CompleteOverdueLessonsJob.name,
            SendCommissionReportJob.name,
        ].sorted())
        await database.shutdown()
    }

    @Test("PALESTRA_SESSION_RETENTION_DAYS sets the cleanup's age; out of range stops start-up")
    func sessionRetention() throws {
        #expect(try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url]).training.sessionRetentionDays == 90)
        #expect(try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "PALESTRA_SESSION_RETENTION_DAYS": "30"]).training.sessionRetentionDays == 30)
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "PALESTRA_SESSION_RETENTION_DAYS": "0"])
        }
    }

    @Test("a bad notification setting stops with one line naming it", arguments: [
        (["PALESTRA_MAIL_TRANSPORT": "smtp"], "PALESTRA_MAIL_TRANSPORT 'smtp' is not one of log, maildir, sendmail"),
        (["PALESTRA_MAIL_TRANSPORT": "maildir"], "PALESTRA_MAILDIR is not set"),
        (["PALESTRA_MAIL_TRANSPORT": "maildir", "PALESTRA_MAILDIR": "/nonexistent/palestra-mail"], "PALESTRA_MAILDIR '/nonexistent/palestra-mail' is not an existing folder"),
        (["PALESTRA_MAIL_TRANSPORT": "sendmail", "PALESTRA_SENDMAIL": "/nonexistent/sendmail"], "PALESTRA_SENDMAIL '/nonexistent/sendmail' is not an executable program"),
        (["PALESTRA_MAIL_TRANSPORT": "sendmail", "PALESTRA_SENDMAIL": "sendmail"], "PALESTRA_SENDMAIL 'sendmail' is not an executable program"),
        (["PALESTRA_MAIL_FROM": "Palestra"], "PALESTRA_MAIL_FROM 'Palestra' is not a mail address"),
        (["PALESTRA_NOTIFICATION_DELAY_MS": "-5"], "PALESTRA_NOTIFICATION_DELAY_MS '-5' is not a whole number from 0 to 600000"),
        (["PALESTRA_NOTIFICATION_DELAY_MS": "soon"], "PALESTRA_NOTIFICATION_DELAY_MS 'soon' is not a whole number"),
    ] as [([String: String], String)])
    func invalidNotifications(environment: [String: String], message: String) {
        do {
            _ = try AppConfiguration.fromEnvironment(environment.merging(["DATABASE_URL": Self.url]) { $1 })
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("the README's configuration table names every variable")
    func readme() throws {
        let readme = try String(contentsOfFile: Repository.root + "/README.md", encoding: .utf8)
        for (name, _) in AppConfiguration.variables {
            #expect(readme.contains("`\(name)`"), "README.md does not document \(name)")
        }
    }

    @Test("a renamed variable is still read under its old name, with a warning; the new name wins when both are set")
    func renamedVariables() throws {
        let old = try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "PALESTRA_SESSION_DAYS": "3", "PALESTRA_SESSION_RETENTION_DAYS": "40"])
        #expect(old.browserSessions.lifetime == .seconds(3 * 86400))
        #expect(old.training.sessionRetentionDays == 40)
        #expect(old.warnings == [
            "PALESTRA_SESSION_DAYS is read as PALESTRA_SIGNIN_DAYS, its new name; the old name will not be read after the next release",
            "PALESTRA_SESSION_RETENTION_DAYS is read as PALESTRA_TRAINING_SESSION_RETENTION_DAYS, its new name; the old name will not be read after the next release",
        ])
        let both = try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "PALESTRA_SESSION_DAYS": "3", "PALESTRA_SIGNIN_DAYS": "5"])
        #expect(both.browserSessions.lifetime == .seconds(5 * 86400))
        #expect(both.warnings == ["PALESTRA_SESSION_DAYS is ignored: PALESTRA_SIGNIN_DAYS is set (PALESTRA_SESSION_DAYS is its former name)"])
        #expect(try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "PALESTRA_SIGNIN_IDLE_HOURS": "2"]).warnings.isEmpty)
        do {
            _ = try AppConfiguration.fromEnvironment(["DATABASE_URL": Self.url, "PALESTRA_SESSION_IDLE_HOURS": "never"])
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("PALESTRA_SESSION_IDLE_HOURS 'never' is not a whole number"), "\(error.description)")
        }
    }
}
