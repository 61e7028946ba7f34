import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Notifier: a notification and its delivery job commit together")
struct NotifierTests {
    struct Abort: Error {}

    static func counts(_ database: TestDatabase) async throws -> (notifications: Int, jobs: Int) {
        (
            try await database.value("SELECT count(*)::int FROM notifications", as: Int.self),
            try await database.value("SELECT count(*)::int FROM jobs", as: Int.self)
        )
    }

    @Test("a transaction that rolls back leaves no notification and no job; one that commits leaves one of each")
    func outbox() async throws {
        try await TestDatabase.with { database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            try await database.withClient { client in
                await #expect(throws: Abort.self) {
                    try await client.transaction { connection in
                        try await Notifier.notify(
                            recipient: student, kind: "lesson.cancelled", subject: #"lesson "Algebra""#, body: "Cancelled.", link: "/lessons/1",
                            on: connection
                        )
                        throw Abort()
                    }
                }
                #expect(try await Self.counts(database) == (0, 0))
                // A statement failing after notify (the change that caused it) takes the notification with it.
                await #expect(throws: PostgresError.self) {
                    try await client.transaction { connection in
                        try await Notifier.notify(recipient: student, kind: "lesson.cancelled", subject: "x", body: "", on: connection)
                        try await connection.execute("UPDATE users SET role = 'nobody' WHERE id = $1", [student])
                    }
                }
                #expect(try await Self.counts(database) == (0, 0))

                let id = try await client.transaction { connection in
                    try await Notifier.notify(
                        recipient: student, kind: "lesson.cancelled", subject: #"lesson "Algebra""#, body: "**Cancelled.**", link: "/lessons/1",
                        on: connection
                    )
                }
                #expect(try await Self.counts(database) == (1, 1))
                let row = try await client.query(
                    """
                    SELECT n.recipient_id, n.kind, n.subject, n.body, n.link, n.read_at IS NULL AS unread, n.delivered_at IS NULL AS undelivered,
                           j.kind AS job_kind, j.state, (j.args->>'notification_id')::bigint AS argument
                    FROM notifications n, jobs j WHERE n.id = $1
                    """,
                    [id]
                )[0]
                #expect(try row.decode("recipient_id", as: Int.self) == student)
                #expect(try row.decode("subject", as: String.self) == #"lesson "Algebra""#)
                #expect(try row.decode("body", as: String.self) == "**Cancelled.**")
                #expect(try row.decode("link", as: String?.self) == "/lessons/1")
                #expect(try row.decode("unread", as: Bool.self) && row.decode("undelivered", as: Bool.self))
                #expect(try row.decode("job_kind", as: String.self) == "DeliverNotification")
                #expect(try row.decode("state", as: String.self) == "available")
                #expect(try row.decode("argument", as: Int.self) == id)
            }
        }
    }

    @Test("a subject becomes one line; links that are not site paths or http(s) URLs are refused, writing nothing")
    func inputs() async throws {
        try await TestDatabase.with { database in
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            try await database.withClient { client in
                let id = try await client.transaction { connection in
                    try await Notifier.notify(recipient: coach, kind: "group.changed", subject: "  New\r\ntime:\tMonday  ", body: "", on: connection)
                }
                #expect(try await database.value("SELECT subject FROM notifications WHERE id = $1", [id], as: String.self) == "New time: Monday")
                for link in ["javascript:alert(1)", "//evil.example/", "/\\evil.example", "data:text/html,x", "https:///x", "/a b", "", "ftp://x.example/"] {
                    await #expect(throws: NotifierError.unsafeLink(link), "\(link)") {
                        try await client.transaction { connection in
                            try await Notifier.notify(recipient: coach, kind: "group.changed", subject: "x", body: "", link: link, on: connection)
                        }
                    }
                }
                for link in ["/", "/lessons/7?tab=notes#n", "https://example.org/x", "HTTP://example.org"] {
                    #expect(Notifier.isAllowedLink(link), "\(link)")
                }
                // The table's CHECKs say the same, for writers that bypass the Notifier.
                let link = "INSERT INTO notifications (recipient_id, kind, subject, link) VALUES ($1, 'k', 's', $2)"
                let subject = "INSERT INTO notifications (recipient_id, kind, subject) VALUES ($1, 'k', $2)"
                let kind = "INSERT INTO notifications (recipient_id, kind, subject) VALUES ($1, $2, 's')"
                for (sql, value) in [(link, "javascript:alert(1)"), (link, "//evil.example"), (subject, "two\nlines"), (subject, " "), (kind, "Bad Kind")] {
                    do {
                        try await client.execute(sql, [coach, value])
                        Issue.record("\(value) was accepted")
                    } catch let error as PostgresError {
                        #expect(error.sqlState == "23514", "\(value): \(error)")
                    }
                }
                #expect(try await Self.counts(database) == (1, 1))
            }
        }
    }
}
