import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Who is told about sessions they did not change: the coach when an administrator reopens their
/// session or changes their group's schedule, the administrators when the auto-close closes a session
/// nobody marked; never the actor, in the recipient's language, and nothing for a change rolled back.
@Suite("Attendance: notices to coaches and administrators")
struct SessionNoticeTests {
    /// `recipient kind: subject` of every notification, by id.
    static func notifications(_ database: TestDatabase) async throws -> [String] {
        let text: String? = try await database.value(
            "SELECT string_agg(recipient_id || ' ' || kind || ': ' || subject, '|' ORDER BY id) FROM notifications"
        )
        return text.map { $0.split(separator: "|").map(String.init) } ?? []
    }

    static func deliveries(_ database: TestDatabase) async throws -> Int {
        try await database.value("SELECT count(*)::int FROM jobs WHERE kind = $1", [DeliverNotification.name])
    }

    @Test("an administrator reopening a session tells its coach in the coach's language, with a link; closing tells no one")
    func reopenTellsTheCoach() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let admin = try await TestUsers.create("admin@example.org", role: .admin, name: "Olga Admin", in: database)
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [fixture.coach])
            var coach = Browser(client)
            try await coach.signIn(JournalFixture.coachEmail)
            let page = try await coach.get(fixture.url)
            _ = try await coach.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (fixture.athletes[0], "present", ""),
            ]))
            #expect(try await coach.post(AttendanceURL.journalClose(fixture.session)).status == .seeOther)
            #expect(try await Self.notifications(database).isEmpty, "closing tells no one")

            var desk = Browser(client)
            try await desk.signIn("admin@example.org")
            _ = try await desk.get(fixture.url)
            let reopened = try await desk.post(AttendanceURL.journalReopen(fixture.session))
            #expect(reopened.status == .seeOther)
            let sent = try await Self.notifications(database)
            #expect(sent.count == 1)
            #expect(sent.first?.hasPrefix("\(fixture.coach) \(SessionNotices.reopenedKind): Ваше занятие снова открыто: U-12 Football, ") == true)
            #expect(!sent.contains { $0.hasPrefix("\(admin) ") })
            let body: String = try await database.value("SELECT body || ' ' || link FROM notifications")
            #expect(body.contains("Olga Admin снова открывает журнал занятия U-12 Football"))
            #expect(body.hasSuffix(AttendanceURL.journal(fixture.session)))
            #expect(try await Self.deliveries(database) == 1)
            // The coach sees it in their inbox, in Russian.
            let inbox = try await coach.get(NotificationsURL.inbox.path)
            #expect(inbox.text.contains("Ваше занятие снова открыто"))

            // Reopening a session that is not closed is refused and tells no one more.
            #expect(try await desk.post(AttendanceURL.journalReopen(fixture.session)).status == .conflict)
            #expect(try await Self.notifications(database).count == 1)
        }
    }

    @Test("an administrator who coaches the group is not told of their own reopening; a reopening rolled back sends nothing")
    func notTheActorNorARollback() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let admin = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            try await database.run("UPDATE training_sessions SET status = 'held', is_closed = true WHERE id = $1", [fixture.session])

            // Rolled back after the notice was written: no notification, no delivery job.
            let journal = try await database.withClient { client in try JournalFixture.journal(client) }
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await database.withClient { client in
                    try await client.transaction { connection in
                        let adminUser = User(id: admin, email: "admin@example.org", displayName: "Admin", role: .admin, language: nil)
                        let session = try #require(try await AttendanceStore.lockSession(id: fixture.session, access: TrainingGroupAccess(user: adminUser), on: connection))
                        try await AttendanceStore.reopen(session: session.id, on: connection)
                        try await journal.notices.sessionReopened(session, by: adminUser, on: connection)
                        throw Abort()
                    }
                }
            }
            #expect(try await Self.notifications(database).isEmpty)
            #expect(try await Self.deliveries(database) == 0)
            #expect(try await fixture.sessionState() == "held true v1")

            // The administrator coaches the group: they reopen it and nobody is told.
            try await database.run("UPDATE training_groups SET coach_id = $1 WHERE id = $2", [admin, fixture.group])
            var desk = Browser(client)
            try await desk.signIn("admin@example.org")
            _ = try await desk.get(fixture.url)
            #expect(try await desk.post(AttendanceURL.journalReopen(fixture.session)).status == .seeOther)
            #expect(try await fixture.sessionState() == "held false v2")
            #expect(try await Self.notifications(database).isEmpty)
        }
    }

    @Test("an administrator changing a group's slots tells its coach through a job; the coach's own language; a refused change enqueues nothing")
    func scheduleChangeTellsTheCoach() async throws {
        try await TestApp.test { client, database in
            let (users, group, slot, url, admin) = try await TrainingGroupsAdminTests.juniors(client, database)
            var browser = admin
            _ = try await browser.get(url)
            try await database.run("DELETE FROM jobs")
            // A refused change (a slot past midnight): no notice job.
            var version: Int = try await database.value("SELECT version FROM training_groups WHERE id = $1", [group])
            let refused = try await browser.post(url, TrainingGroupsAdminTests.form(coach: users[.coach]!, version: version, slots: [
                (slot, "1", "23:30", "60", "Hall A", false),
            ]))
            #expect(refused.status == .unprocessableContent)
            let none: Int = try await database.value("SELECT count(*)::int FROM jobs WHERE kind = $1", [ScheduleChangeNoticeJob.name])
            #expect(none == 0)
            // A change of the description alone: no notice job either.
            let described = try await browser.post(url, TrainingGroupsAdminTests.form(coach: users[.coach]!, version: version, slots: [
                (slot, "1", "18:00", "60", "Hall A", false),
            ]).map { $0.0 == "description" ? ($0.0, "Under 15") : $0 })
            #expect(described.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM jobs WHERE kind = $1", [ScheduleChangeNoticeJob.name]) == 0)

            version = try await database.value("SELECT version FROM training_groups WHERE id = $1", [group])
            let moved = try await browser.post(url, TrainingGroupsAdminTests.form(coach: users[.coach]!, version: version, slots: [
                (slot, "2", "18:15", "60", "Hall A", false),
            ]).map { $0.0 == "description" ? ($0.0, "Under 15") : $0 })
            #expect(moved.status == .seeOther)
            let waiting: Int = try await database.value("SELECT count(*)::int FROM jobs WHERE kind = $1", [ScheduleChangeNoticeJob.name])
            #expect(waiting == 1)
            #expect(try await Self.notifications(database).isEmpty, "the notice is written by the job")

            try await database.withClient(maxConnections: 8) { client in
                try await SessionGenerationTests.withTrainingWorker(client) {
                    try await eventually("the notice is written") {
                        try await client.scalar("SELECT count(*)::int FROM notifications", as: Int.self) == 1
                    }
                }
            }
            let sent = try await Self.notifications(database)
            #expect(sent == ["\(users[.coach]!) \(SessionNotices.scheduleChangedKind): The schedule of Juniors was changed"])
            let body: String = try await database.value("SELECT body || ' ' || link FROM notifications")
            #expect(body.contains("changed the weekly schedule of Juniors") && body.hasSuffix(url))
        }
    }

    @Test("the auto-close tells every administrator once of the sessions it closed with no marks; not the coach, not of marked, cancelled or empty ones")
    func autoCloseTellsAdministrators() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let first = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            let second = try await TestUsers.create("admin2@example.org", role: .admin, in: database)
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [second])
            let inactive = try await TestUsers.create("admin3@example.org", role: .admin, in: database)
            try await database.run("UPDATE users SET is_active = false WHERE id = $1", [inactive])
            let day = JournalFixture.day
            let unmarked = try await TestTraining.session(group: fixture.group, date: day(-9), in: database)
            let marked = try await TestTraining.session(group: fixture.group, date: day(-10), in: database)
            try await database.run(
                "INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'present')", [marked, fixture.athletes[0]]
            )
            let cancelled = try await TestTraining.session(group: fixture.group, date: day(-11), in: database)
            try await database.run("UPDATE training_sessions SET status = 'cancelled' WHERE id = $1", [cancelled])
            let emptyGroup = try await TestTraining.group("Nobody", coach: fixture.coach, in: database)
            _ = try await TestTraining.session(group: emptyGroup, date: day(-9), in: database)

            let closed = try await database.withClient { client in try await JournalFixture.journal(client).closeOld(days: 7) }
            #expect(closed == 4)
            let sent = try await Self.notifications(database)
            #expect(sent == [
                "\(first) \(SessionNotices.leftUnmarkedKind): 1 session was closed with no marks",
                "\(second) \(SessionNotices.leftUnmarkedKind): 1 занятие закрыто без отметок",
            ])
            let bodies: [String] = try await database.value("SELECT array_agg(body || ' ' || link ORDER BY id) FROM notifications")
            for body in bodies {
                #expect(body.contains("(\(AttendanceURL.journal(unmarked)))") && body.hasSuffix(AttendanceURL.journal(unmarked)))
                #expect(!body.contains(AttendanceURL.journal(marked)) && !body.contains(AttendanceURL.journal(cancelled)))
            }
            #expect(try await Self.deliveries(database) == 2)
            // A second run closes nothing and tells no one again.
            #expect(try await database.withClient { client in try await JournalFixture.journal(client).closeOld(days: 7) } == 0)
            #expect(try await Self.notifications(database).count == 2)
            _ = client
        }
    }
}
