import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Closing sessions: by their coach from the journal, reopening by administrators only, the
/// read-only closed journal, and the daily auto-close.
@Suite("Attendance journal: closing sessions")
struct JournalClosingTests {
    @Test("a coach closes a held session: audited, the journal read-only and a forged POST changes nothing; coaches cannot reopen, admins can")
    func closeAndReopen() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            let admin = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var coach = Browser(client)
            try await coach.signIn(JournalFixture.coachEmail)
            var page = try await coach.get(fixture.url)
            #expect(!page.text.contains("Close the session"))
            // Not held: the confirmation page leads back to the journal.
            #expect(try await coach.get(AttendanceURL.journalClose(fixture.session)).headers[.location] == fixture.url)
            let notHeld = try await coach.post(AttendanceURL.journalClose(fixture.session))
            #expect(notHeld.status == .conflict)
            #expect(notHeld.text.contains("Only a held session can be closed: save its attendance first."))
            #expect(try await fixture.sessionState() == "planned false v1")

            _ = try await coach.post(fixture.url, JournalFixture.form(version: JournalFixture.version(in: page.text)!, rows: [
                (fixture.athletes[0], "present", "On time"),
            ]))
            page = try await coach.get(fixture.url)
            // Closing asks first, saying who can reopen and who is still without a mark; asking changes nothing.
            #expect(page.text.contains(#"href="\#(AttendanceURL.journalClose(fixture.session))""#))
            let asked = try await coach.get(AttendanceURL.journalClose(fixture.session))
            #expect(asked.status == .ok && asked.text.contains("Close this session?"))
            #expect(asked.text.contains("Only an administrator can reopen it, from its journal."))
            let unmarked = fixture.athletes.count - 1
            #expect(unmarked > 0 && asked.text.contains("\(unmarked) athlete\(unmarked == 1 ? " has" : "s have") no mark yet."))
            #expect(asked.text.contains(#"action="\#(AttendanceURL.journalClose(fixture.session))""#) && asked.text.contains(#"href="\#(fixture.url)""#))
            #expect(try await fixture.sessionState() == "held false v2")
            let closed = try await coach.post(AttendanceURL.journalClose(fixture.session))
            #expect(closed.status == .seeOther)
            page = try await coach.follow(closed)
            #expect(page.text.contains("The session was closed."))
            #expect(page.text.contains("This session is closed: its journal is read-only."))
            #expect(!page.text.contains(#"type="radio""#) && !page.text.contains(#"name="version""#))
            #expect(page.text.contains("On time") && page.text.contains(">Present</span>"))
            #expect(!page.text.contains("Reopen the session"))
            #expect(try await fixture.sessionState() == "held true v3")
            let closeAudits: Int = try await database.value(
                """
                SELECT count(*)::int FROM audit_records WHERE object_type = 'training-sessions' AND object_id = $1 AND actor_id = $2
                AND changes @> '[{"field": "is_closed", "old": "false", "new": "true"}]'
                """,
                [String(fixture.session), fixture.coach]
            )
            #expect(closeAudits == 1)

            // A forged save with the current version changes nothing.
            let forged = try await coach.post(fixture.url, JournalFixture.form(version: "3", rows: [
                (fixture.athletes[0], "absent", ""), (fixture.athletes[1], "present", ""),
            ]))
            #expect(forged.status == .conflict)
            #expect(forged.text.contains("Your marks were not saved.") && forged.text.contains("This session is closed"))
            #expect(try await fixture.marks() == ["\(fixture.athletes[0]):present/On time"])
            #expect(try await coach.post(AttendanceURL.journalClose(fixture.session)).status == .conflict)

            #expect(try await coach.post(AttendanceURL.journalReopen(fixture.session)).status == .forbidden)
            #expect(try await fixture.sessionState() == "held true v3")

            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            page = try await browser.get(fixture.url)
            #expect(page.text.contains("Reopen the session"))
            let reopened = try await browser.post(AttendanceURL.journalReopen(fixture.session))
            #expect(reopened.status == .seeOther)
            #expect(try await browser.follow(reopened).text.contains("The session was reopened."))
            #expect(try await fixture.sessionState() == "held false v4")
            let reopenedAt: Bool = try await database.value("SELECT reopened_at IS NOT NULL FROM training_sessions WHERE id = $1", [fixture.session])
            #expect(reopenedAt)
            let reopenAudits: Int = try await database.value(
                """
                SELECT count(*)::int FROM audit_records WHERE object_type = 'training-sessions' AND object_id = $1 AND actor_id = $2
                AND changes @> '[{"field": "is_closed", "old": "true", "new": "false"}]'
                """,
                [String(fixture.session), admin]
            )
            #expect(reopenAudits == 1)
            #expect(try await browser.post(AttendanceURL.journalReopen(fixture.session)).status == .conflict)
            // The coach can mark again.
            page = try await coach.get(fixture.url)
            #expect(page.text.contains(#"type="radio""#))
        }
    }

    @Test("the daily job closes sessions dated N days ago or earlier, not newer ones nor recently reopened ones, each audited")
    func autoClose() async throws {
        try await TestDatabase.with { database in
            let fixture = try await JournalFixture.make(in: database)
            let day = JournalFixture.day
            var sessions: [Int: Int] = [:]
            for offset in [-30, -8, -7, -6, -1] {
                sessions[offset] = try await TestTraining.session(group: fixture.group, date: day(offset), in: database)
            }
            let alreadyClosed = try await TestTraining.session(group: fixture.group, date: day(-20), start: "10:00", end: "11:00", in: database)
            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [alreadyClosed])
            let reopenedRecently = try await TestTraining.session(group: fixture.group, date: day(-12), in: database)
            try await database.run("UPDATE training_sessions SET reopened_at = now() - interval '2 days' WHERE id = $1", [reopenedRecently])
            let reopenedLongAgo = try await TestTraining.session(group: fixture.group, date: day(-14), in: database)
            try await database.run("UPDATE training_sessions SET reopened_at = now() - interval '8 days' WHERE id = $1", [reopenedLongAgo])

            try await database.withClient(maxConnections: 8) { client in
                _ = try await client.transaction { connection in
                    try await JobQueue.enqueue(AutoCloseTrainingSessionsJob.self, .init(), on: connection)
                }
                try await SessionGenerationTests.withTrainingWorker(client) {
                    try await eventually("the auto-close completes") {
                        try await client.scalar("SELECT count(*)::int FROM jobs WHERE kind = $1 AND state = 'completed'", [AutoCloseTrainingSessionsJob.name], as: Int.self) == 1
                    }
                }
            }
            let closedNow = [sessions[-30]!, sessions[-8]!, sessions[-7]!, reopenedLongAgo]
            let stillOpen = [sessions[-6]!, sessions[-1]!, fixture.session, reopenedRecently]
            for id in closedNow { #expect(try await fixture.sessionState(id).hasSuffix("true v2"), "session \(id)") }
            for id in stillOpen { #expect(try await fixture.sessionState(id).hasSuffix("false v1"), "session \(id)") }
            #expect(try await fixture.sessionState(alreadyClosed) == "planned true v1")
            let audited: [Int] = try await database.value(
                """
                SELECT coalesce(array_agg(object_id::int ORDER BY object_id::int), '{}') FROM audit_records
                WHERE object_type = 'training-sessions' AND actor_id IS NULL AND changes::text LIKE '%closed automatically 7 days after its date%'
                """
            )
            #expect(audited == closedNow.sorted())

            // A second run finds nothing more to close.
            let again = try await database.withClient { client in
                try await JournalFixture.journal(client).closeOld(days: 7)
            }
            #expect(again == 0)
            let periodic = JobSetup.periodicJobs(configuration: AppConfiguration(database: database.configuration))
            #expect(periodic.first { $0.name == "autoclose-sessions" }?.schedule == .daily(hour: 2, minute: 10))
        }
    }

    @Test("PALESTRA_SESSION_AUTOCLOSE_DAYS sets the days (default 7) and refuses what is not a number of days")
    func configuration() throws {
        let url = "postgres://localhost/palestra"
        #expect(try AppConfiguration.fromEnvironment(["DATABASE_URL": url]).training.sessionAutoCloseDays == 7)
        #expect(try AppConfiguration.fromEnvironment(["DATABASE_URL": url, "PALESTRA_SESSION_AUTOCLOSE_DAYS": "3"]).training.sessionAutoCloseDays == 3)
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration.fromEnvironment(["DATABASE_URL": url, "PALESTRA_SESSION_AUTOCLOSE_DAYS": "0"])
        }
    }
}
