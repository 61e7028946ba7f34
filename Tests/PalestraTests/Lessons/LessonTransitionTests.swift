import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// A lesson's page and its transitions, for every role, as each user meets them.
@Suite("Lessons: transitions on the lesson's page")
struct LessonTransitionTests {
    static func version(in page: String) -> String? {
        page.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) }
    }

    @Test("the teacher starts and completes; every other transition is refused with a message and changes nothing; students are told of each")
    func teacherLifecycle() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            #expect(try await fixture.notifications() == ["lesson.created \(fixture.students[0])", "lesson.created \(fixture.students[1])"])
            var teacher = Browser(client)
            try await teacher.signIn("teacher@example.org")
            _ = try await teacher.get(LessonsURL.myLessons.path)
            let url = LessonsURL.lesson(fixture.lesson)
            var page = try await teacher.get(url)
            #expect(page.status == .ok && page.text.contains("Algebra") && page.text.contains("Anna Student") && page.text.contains("Boris Student"))
            #expect(page.text.contains("Start the lesson") && page.text.contains("Cancel the lesson") && !page.text.contains("Complete the lesson"))
            // Completing a scheduled lesson: refused, nothing changed.
            let early = try await teacher.post(LessonsURL.transition(fixture.lesson, .complete), [("version", "1")])
            #expect(early.status == .conflict && early.text.contains("The lesson&#39;s status has changed meanwhile"))
            #expect(try await fixture.state() == "scheduled v1")

            let started = try await teacher.post(LessonsURL.transition(fixture.lesson, .start), [("version", Self.version(in: page.text)!)])
            #expect(started.status == .seeOther)
            page = try await teacher.follow(started)
            #expect(page.text.contains("The lesson has started.") && page.text.contains("In progress"))
            #expect(page.text.contains("Complete the lesson") && !page.text.contains("Start the lesson"))
            #expect(try await fixture.state() == "in_progress v2")
            // A second start from the old page: refused.
            let again = try await teacher.post(LessonsURL.transition(fixture.lesson, .start), [("version", "1")])
            #expect(again.status == .conflict)
            #expect(try await fixture.state() == "in_progress v2")

            let completed = try await teacher.post(LessonsURL.transition(fixture.lesson, .complete), [("version", "2")])
            #expect(completed.status == .seeOther)
            page = try await teacher.follow(completed)
            #expect(page.text.contains("The lesson is completed.") && !page.text.contains("Cancel the lesson") && !page.text.contains("Edit the lesson"))
            // Final: cancel is refused (its form leads back to the page; a forged post is a conflict).
            #expect(try await teacher.get(LessonsURL.transition(fixture.lesson, .cancel)).status == .seeOther)
            let cancel = try await teacher.post(LessonsURL.transition(fixture.lesson, .cancel), [("version", "3"), ("reason", "Too late")])
            #expect(cancel.status == .conflict)
            #expect(try await fixture.state() == "completed v3")
            // The history: planned, started, completed; audited with who and from/to.
            #expect(page.text.contains("Ada Admin planned the lesson") && page.text.contains("Tess Teacher: Planned → In progress"))
            #expect(page.text.contains("Tess Teacher: In progress → Held"))
            let events: String = try await database.value(
                "SELECT string_agg(kind || ':' || coalesce(from_status, '-') || '>' || coalesce(to_status, '-'), ' ' ORDER BY id) FROM lesson_events WHERE lesson_id = $1",
                [fixture.lesson]
            )
            #expect(events == "created:->scheduled started:scheduled>in_progress completed:in_progress>completed")
            // And in the audit log, each transition with its teacher, from and to.
            #expect(try await Self.audit(of: fixture.lesson, in: database) == [
                "Tess Teacher <teacher@example.org> change status:scheduled>in_progress",
                "Tess Teacher <teacher@example.org> change status:in_progress>completed",
            ])
            let notes = try await fixture.notifications()
            #expect(notes.filter { $0.hasPrefix("lesson.started") }.count == 2 && notes.filter { $0.hasPrefix("lesson.completed") }.count == 2)
            #expect(notes.count == 6)
        }
    }

    @Test("a start more than 15 minutes early is refused; a cancellation needs a reason of 1 to 500 characters")
    func startTooEarlyAndCancelReasons() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database, startsIn: 60)
            var teacher = Browser(client)
            try await teacher.signIn("teacher@example.org")
            _ = try await teacher.get(LessonsURL.myLessons.path)
            let page = try await teacher.get(LessonsURL.lesson(fixture.lesson))
            #expect(!page.text.contains("Start the lesson"))
            let early = try await teacher.post(LessonsURL.transition(fixture.lesson, .start), [("version", "1")])
            #expect(early.status == .conflict && early.text.contains("A lesson can be started at the earliest 15 minutes before its start."))
            #expect(try await fixture.state() == "scheduled v1")

            let form = try await teacher.get(LessonsURL.transition(fixture.lesson, .cancel) + "?version=1")
            #expect(form.status == .ok && form.text.contains("Cancel the lesson?") && form.text.contains(#"name="reason""#))
            for (reason, message) in [("", "Give a reason for the cancellation."), ("   ", "Give a reason for the cancellation."),
                                      (String(repeating: "я", count: 501), "The reason is longer than 500 characters.")] {
                let refused = try await teacher.post(LessonsURL.transition(fixture.lesson, .cancel), [("version", "1"), ("reason", reason)])
                #expect(refused.status == .unprocessableContent && refused.text.contains(message))
                #expect(try await fixture.state() == "scheduled v1")
            }
            // The refusals are not in the audit log.
            #expect(try await Self.audit(of: fixture.lesson, in: database).isEmpty)
            // A student deactivated since enrolling is not told.
            try await database.run("UPDATE users SET is_active = false WHERE id = $1", [fixture.students[1]])
            let cancelled = try await teacher.post(LessonsURL.transition(fixture.lesson, .cancel), [("version", "1"), ("reason", "Teacher is ill <b>")])
            #expect(cancelled.status == .seeOther)
            let after = try await teacher.follow(cancelled)
            #expect(after.text.contains("The lesson was cancelled.") && after.text.contains("Teacher is ill &lt;b&gt;"))
            let row: String = try await database.value(
                "SELECT status || '|' || cancel_reason || '|' || cancelled_by FROM lessons WHERE id = $1", [fixture.lesson]
            )
            #expect(row == "cancelled|Teacher is ill <b>|\(fixture.teacher)")
            #expect(try await fixture.notifications().filter { $0.hasPrefix("lesson.cancelled") } == ["lesson.cancelled \(fixture.students[0])"])
            let deliveries = try await fixture.count(
                """
                SELECT count(*)::int FROM jobs j JOIN notifications n ON n.id = (j.args->>'notification_id')::bigint
                WHERE j.kind = 'DeliverNotification' AND n.kind = 'lesson.cancelled'
                """
            )
            #expect(deliveries == 1, "one delivery job for the one notice")
            // The audit log: who, from, to and the reason, in the transaction of the change (when: its time).
            #expect(try await Self.audit(of: fixture.lesson, in: database) == [
                "Tess Teacher <teacher@example.org> change status:scheduled>cancelled cancel_reason:->Teacher is ill <b>",
            ])
            let audited: Bool = try await database.value(
                """
                SELECT a.occurred_at = l.cancelled_at FROM audit_records a JOIN lessons l ON l.id::text = a.object_id
                WHERE a.object_type = 'lessons' AND l.id = $1
                """,
                [fixture.lesson]
            )
            #expect(audited)
            // An administrator reads it in the lesson's history, by label.
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let history = try await admin.get(AdminURL.history("lessons", String(fixture.lesson)))
            #expect(history.status == .ok && history.text.contains("Tess Teacher") && history.text.contains("Teacher is ill &lt;b&gt;"))
            #expect(history.text.contains("Planned") && history.text.contains("Cancelled") && history.text.contains("Reason"))
        }
    }

    /// The lesson's audit records, oldest first: "actor action field:old>new …" (`-` for none).
    static func audit(of lesson: Int, in database: TestDatabase) async throws -> [String] {
        try await database.withClient { client in
            try await client.query(
                """
                SELECT coalesce(a.actor_label, 'system') || ' ' || a.action || ' ' ||
                       (SELECT string_agg(c->>'field' || ':' || coalesce(c->>'old', '-') || '>' || coalesce(c->>'new', '-'), ' ' ORDER BY o)
                        FROM jsonb_array_elements(a.changes) WITH ORDINALITY AS e(c, o)) AS line
                FROM audit_records a WHERE a.object_type = 'lessons' AND a.object_id = $1 ORDER BY a.id
                """,
                [String(lesson)]
            ).map { try $0.decode("line") }
        }
    }

    @Test("managers and enrolled students see the lesson read-only (403 on posts); other coaches and students get 404 everywhere")
    func roles() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            let id = fixture.lesson
            let posts = [LessonsURL.transition(id, .start), LessonsURL.transition(id, .complete), LessonsURL.transition(id, .cancel), LessonsURL.edit(id)]
            for email in ["manager@example.org", "anna@example.org"] {
                var browser = Browser(client)
                try await browser.signIn(email)
                _ = try await browser.get(LessonsURL.myLessons.path)
                let page = try await browser.get(LessonsURL.lesson(id))
                #expect(page.status == .ok && page.text.contains("Algebra"))
                #expect(!page.text.contains("Start the lesson") && !page.text.contains("Cancel the lesson") && !page.text.contains("Edit the lesson"))
                for url in posts {
                    #expect(try await browser.post(url, [("version", "1"), ("reason", "x"), ("title", "Hacked")]).status == .forbidden)
                }
            }
            for email in ["coach2@example.org", "olga@example.org"] {
                var browser = Browser(client)
                try await browser.signIn(email)
                _ = try await browser.get(LessonsURL.myLessons.path)
                #expect(try await browser.get(LessonsURL.lesson(id)).status == .notFound)
                #expect(!(try await browser.get(LessonsURL.myLessons.path).text.contains("Algebra")))
            }
            var other = Browser(client)
            try await other.signIn("coach2@example.org")
            _ = try await other.get(LessonsURL.myLessons.path)
            for url in posts + [LessonsURL.transition(id, .cancel)] {
                let status = try await other.post(url, [("version", "1"), ("reason", "x"), ("title", "Hacked")]).status
                #expect(status == .notFound, "\(url)")
            }
            #expect(try await other.get(LessonsURL.edit(id)).status == .notFound)
            for bad in ["/lessons/0", "/lessons/-3", "/lessons/abc", "/lessons/99999999999999999999", "/lessons/\(id + 1000)"] {
                #expect(try await other.get(bad).status == .notFound)
            }
            // An administrator conducts any lesson.
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            _ = try await admin.get(LessonsURL.myLessons.path)
            let page = try await admin.get(LessonsURL.lesson(id))
            #expect(page.text.contains("Start the lesson"))
            #expect(try await admin.post(LessonsURL.transition(id, .start), [("version", "1")]).status == .seeOther)
            #expect(try await fixture.state() == "in_progress v2")
            #expect(try await fixture.count("SELECT count(*)::int FROM lessons WHERE title = 'Hacked'") == 0)
        }
    }
}
