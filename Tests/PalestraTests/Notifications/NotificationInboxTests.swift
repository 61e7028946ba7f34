import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Notifications inbox")
struct NotificationInboxTests {
    /// Sends `recipient` a notification through the Notifier, in a transaction of its own; its id.
    @discardableResult
    static func notify(
        _ recipient: Int, _ subject: String, body: String = "", link: String? = nil, in database: TestDatabase
    ) async throws -> Int {
        try await database.withClient(maxConnections: 1) { client in
            try await client.transaction { connection in
                try await Notifier.notify(recipient: recipient, kind: "test.message", subject: subject, body: body, link: link, on: connection)
            }
        }
    }

    static func unreadCount(_ user: Int, _ database: TestDatabase) async throws -> Int {
        try await database.value("SELECT count(*)::int FROM notifications WHERE recipient_id = $1 AND read_at IS NULL", [user])
    }

    @Test("the inbox lists the recipient's notifications only, newest first, Markdown rendered safely, unread marked, with the header's badge")
    func inbox() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            try await Self.notify(student, #"lesson "Algebra" moved"#, body: "Now on **Monday**.\n\n<script>alert('x')</script>\n\n[trap](javascript:alert(1))", link: "/lessons/7", in: database)
            let second = try await Self.notify(student, "Debate seat confirmed", in: database)
            try await Self.notify(coach, "Coach only: group renamed", in: database)
            try await database.run("UPDATE notifications SET created_at = created_at + interval '1 minute' WHERE id = $1", [second])

            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            let home = try await browser.get("/")
            #expect(home.text.contains(#"<a class="unread-badge" href="/notifications">2 unread</a>"#))
            #expect(home.text.contains(#"<a href="/notifications">Notifications</a>"#))
            let page = try await browser.get("/notifications")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains(#"<a href="/notifications" aria-current="page">Notifications</a>"#))
            #expect(html.contains("2 notifications, 2 unread"))
            #expect(!html.contains("Coach only"))
            let newer = try #require(html.range(of: "Debate seat confirmed"))
            let older = try #require(html.range(of: "lesson &quot;Algebra&quot; moved"))
            #expect(newer.lowerBound < older.lowerBound)
            #expect(html.contains(#"<a href="/lessons/7">lesson &quot;Algebra&quot; moved</a>"#))
            #expect(html.contains("Now on <strong>Monday</strong>."))
            #expect(!html.contains("<script>alert"))
            #expect(!html.contains("javascript:"))
            #expect(html.components(separatedBy: "inbox__item--unread").count - 1 == 2)
            #expect(html.components(separatedBy: ">Unread</span>").count - 1 == 2)
            #expect(html.contains(#"action="/notifications/\#(second)/read""#))

            var coachBrowser = Browser(client)
            try await coachBrowser.signIn("coach@example.org")
            let coachPage = try await coachBrowser.get("/notifications").text
            #expect(coachPage.contains("Coach only: group renamed") && !coachPage.contains("Debate seat confirmed"))
            #expect(coachPage.contains(">1 unread</a>"))
        }
    }

    @Test("marking one read and then all read updates read_at and the badge; each POST redirects with a message")
    func markRead() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let first = try await Self.notify(student, "First", in: database)
            try await Self.notify(student, "Second", in: database)
            try await Self.notify(student, "Third", in: database)
            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            _ = try await browser.get("/notifications")
            let marked = try await browser.post("/notifications/\(first)/read", [("p", "1")])
            #expect(marked.status == .seeOther)
            #expect(marked.headers[.location] == "/notifications")
            let after = try await browser.follow(marked)
            #expect(after.text.contains("The notification was marked as read."))
            #expect(after.text.contains(">2 unread</a>"))
            #expect(try await database.value("SELECT read_at IS NOT NULL FROM notifications WHERE id = $1", [first], as: Bool.self))
            #expect(try await Self.unreadCount(student, database) == 2)
            // Marking it again keeps the first time it was read.
            let readAt: Date = try await database.value("SELECT read_at FROM notifications WHERE id = $1", [first])
            #expect(try await browser.post("/notifications/\(first)/read").status == .seeOther)
            #expect(try await database.value("SELECT read_at FROM notifications WHERE id = $1", [first], as: Date.self) == readAt)

            _ = try await browser.get("/notifications")
            let all = try await browser.post("/notifications/read-all", [("up_to", String(Int.max))])
            #expect(all.status == .seeOther)
            #expect(all.headers[.location] == "/notifications")
            let done = try await browser.follow(all)
            #expect(done.text.contains("2 notifications marked as read."))
            #expect(!done.text.contains("unread-badge"))
            #expect(!done.text.contains("Mark all as read"))
            #expect(try await Self.unreadCount(student, database) == 0)
        }
    }

    @Test("mark all as read leaves what arrived after the page was shown")
    func markAllUpToShown() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            try await Self.notify(student, "Seen", in: database)
            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            let page = try await browser.get("/notifications").text
            let upTo = try #require(page.firstMatch(of: /name="up_to" value="(\d+)"/)).output.1
            let late = try await Self.notify(student, "Arrived later", in: database)
            let response = try await browser.post("/notifications/read-all", [("up_to", String(upTo))])
            #expect(try await browser.follow(response).text.contains("1 notification marked as read."))
            #expect(try await database.value("SELECT read_at IS NULL FROM notifications WHERE id = $1", [late], as: Bool.self))
            #expect(try await Self.unreadCount(student, database) == 1)
        }
    }

    @Test("another user's notification, an unknown id or a malformed one answers 404 and changes nothing")
    func someoneElses() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let coach = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let coachs = try await Self.notify(coach, "For the coach", in: database)
            try await Self.notify(student, "For the student", in: database)
            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            _ = try await browser.get("/notifications")
            for id in [String(coachs), "987654321", "0", "-1", "abc", "99999999999999999999"] {
                let response = try await browser.post("/notifications/\(id)/read")
                #expect(response.status == .notFound, "\(id)")
            }
            #expect(try await Self.unreadCount(coach, database) == 1)
            #expect(try await Self.unreadCount(student, database) == 1)
            // Mark all touches the student's own only.
            _ = try await browser.post("/notifications/read-all")
            #expect(try await Self.unreadCount(student, database) == 0)
            #expect(try await Self.unreadCount(coach, database) == 1)
        }
    }

    @Test("a POST without the CSRF token, or with a wrong one, answers 403 and changes nothing")
    func csrf() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            let id = try await Self.notify(student, "Hello", in: database)
            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            _ = try await browser.get("/notifications")
            for csrf: String? in [nil, "forged"] {
                #expect(try await browser.post("/notifications/\(id)/read", csrf: .some(csrf)).status == .forbidden)
                #expect(try await browser.post("/notifications/read-all", csrf: .some(csrf)).status == .forbidden)
            }
            #expect(try await Self.unreadCount(student, database) == 1)
            #expect(try await browser.get("/notifications/read-all").status == .methodNotAllowed)
        }
    }

    @Test("signed-out visitors are sent to the login page")
    func signedOut() async throws {
        try await TestApp.test { client, _ in
            let response = try await client.execute(uri: "/notifications", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/login?next=%2Fnotifications")
        }
    }

    @Test("50 a page, newest first; page links; a page past the end shows the last; the badge stops at 99+")
    func pages() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            try await database.run(
                """
                INSERT INTO notifications (recipient_id, kind, subject, created_at)
                SELECT $1, 'test.bulk', 'Message ' || i, now() - (120 - i) * interval '1 minute' FROM generate_series(1, 120) AS i
                """,
                [student]
            )
            var browser = Browser(client)
            try await browser.signIn("student@example.org")
            let first = try await browser.get("/notifications").text
            #expect(first.contains(">99+ unread</a>"))
            #expect(first.contains("120 notifications, 99+ unread"))
            #expect(first.components(separatedBy: #"<li class="inbox__item"#).count - 1 == 50)
            #expect(first.contains(">Message 120</h2>") && first.contains(">Message 71</h2>") && !first.contains(">Message 70</h2>"))
            #expect(first.contains(#"<a href="/notifications?p=2" rel="next">"#))
            let third = try await browser.get("/notifications?p=3").text
            #expect(third.components(separatedBy: #"<li class="inbox__item"#).count - 1 == 20)
            #expect(third.contains(">Message 1</h2>") && third.contains(#"<span aria-current="page" class="pagination__current">3</span>"#))
            #expect(try await browser.get("/notifications?p=99").text.contains(">Message 1</h2>"))
            #expect(try await browser.get("/notifications?p=x").text.contains(">Message 120</h2>"))
            // Marking from page 3 returns to page 3.
            _ = try await browser.get("/notifications?p=3")
            let id: Int = try await database.value("SELECT id FROM notifications WHERE subject = 'Message 1'")
            let marked = try await browser.post("/notifications/\(id)/read", [("p", "3")])
            #expect(marked.headers[.location] == "/notifications?p=3")
        }
    }

    @Test("the inbox in Russian, and an empty one")
    func russianAndEmpty() async throws {
        try await TestApp.test { client, database in
            let student = try await TestUsers.create("student@example.org", role: .student, in: database)
            var browser = Browser(client)
            browser.extraHeaders[.acceptLanguage] = "ru"
            try await browser.signIn("student@example.org")
            let empty = try await browser.get("/notifications").text
            #expect(empty.contains("У вас нет уведомлений."))
            #expect(empty.contains("0 уведомлений"))
            #expect(!empty.contains("Отметить все как прочитанные"))
            for index in 1...2 { try await Self.notify(student, "Занятие \(index)", in: database) }
            let page = try await browser.get("/notifications").text
            #expect(page.contains("2 уведомления, 2 непрочитанных"))
            #expect(page.contains(">2 непрочитанных</a>"))
            #expect(page.contains("Отметить как прочитанное") && page.contains("Не прочитано"))
            _ = try await browser.post("/notifications/read-all")
            #expect(try await browser.get("/notifications").text.contains("2 уведомления отмечены как прочитанные."))
        }
    }
}
