import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// What keeps a session's history safe at the desk: closing is confirmed and says who can reopen; a
/// closed, held session is read-only; a session or an athlete with attendance is not offered for deletion.
@Suite("Training admin: closing, closed sessions and deleting what has attendance")
struct TrainingSessionSafetyTests {
    @Test("closing sessions in bulk asks first, says only an administrator can reopen them, and closes only when confirmed")
    func closeIsConfirmed() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let list = try await admin.get(AdminURL.changeList("training-sessions") + "?session_date=all")
            #expect(list.text.contains(#"<option value="">Choose an action</option><option value="close">Close selected sessions</option>"#))
            // A session not held yet is not closed: its journal could not be marked any more.
            let planned = try await TestTraining.session(group: scene.fixture.group, date: "2026-11-17", in: database)
            let page = try await admin.post(AdminURL.actions("training-sessions"), [
                ("action", "close"), ("selected", String(scene.session)), ("selected", String(planned)),
            ])
            #expect(page.text.contains("U-12 Football, 2026-11-17 18:00”: Only a held session can be closed: save its attendance first."))
            #expect(page.status == .ok)
            #expect(page.text.contains("“Close selected sessions” will change this 1 row:"))
            #expect(page.text.contains("Closed: No → Yes"))
            #expect(!page.text.contains("attendance record"), "its attendance does not go with closing it")
            #expect(page.text.contains("A closed session&#39;s attendance can no longer be changed. Only an administrator can reopen it, from its journal."))
            #expect(try await database.value("SELECT is_closed FROM training_sessions WHERE id = $1", [scene.session], as: Bool.self) == false)
            // The session's own page has a close button, which asks the same.
            let form = try await admin.get(AdminURL.changeForm("training-sessions", String(scene.session)))
            #expect(form.text.contains("Close this session"))
            let single = try await admin.post(AdminURL.actions("training-sessions"), [
                ("action", "close"), ("selected", String(scene.session)), ("object_id", String(scene.session)),
            ])
            #expect(single.text.contains("Only an administrator can reopen it, from its journal."))
            #expect(single.text.contains(#"href="/admin/training-sessions/\#(scene.session)/" class="button button--secondary""#))
            #expect(try await database.value("SELECT is_closed FROM training_sessions WHERE id = $1", [scene.session], as: Bool.self) == false)
            let done = try await admin.follow(try await admin.post(AdminURL.actions("training-sessions"), AttendanceBulkConfirmationTests.confirmation(page.text)))
            #expect(done.text.contains("“Close selected sessions”: 1 row changed."))
            #expect(try await database.value("SELECT is_closed FROM training_sessions WHERE id = $1", [scene.session], as: Bool.self))
            #expect(try await database.value("SELECT is_closed FROM training_sessions WHERE id = $1", [planned], as: Bool.self) == false)
            // Even posted as confirmed, the planned one stays open.
            _ = try await admin.post(AdminURL.actions("training-sessions"), [("action", "close"), ("selected", String(planned)), ("confirm", "yes")])
            #expect(try await database.value("SELECT is_closed FROM training_sessions WHERE id = $1", [planned], as: Bool.self) == false)
        }
    }

    @Test("a closed, held session's form is read-only and says why, with no Delete; a POST to it is refused with the message and changes nothing")
    func closedHeldReadOnly() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [scene.session])
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let url = AdminURL.changeForm("training-sessions", String(scene.session))
            let form = try await admin.get(url)
            #expect(form.status == .ok)
            let why = "The session was held and is closed: it can no longer be changed or deleted, as its journal cannot. An administrator can reopen it from its journal."
            #expect(form.text.contains(why))
            #expect(!form.text.contains(#"name="session_date""#) && !form.text.contains(#"name="starts_at""#))
            #expect(!form.text.contains(AdminURL.delete("training-sessions", String(scene.session))))
            #expect(form.text.contains(#"href="/coach/sessions/\#(scene.session)""#), "the journal, where it is reopened, is a click away")
            let forged = try await admin.post(url, TrainingSessionsAdminTests.fields(date: "2026-11-11", start: "07:00", end: "08:00", status: "held", version: 1))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains(why))
            let state: String = try await database.value(
                "SELECT session_date || ' ' || to_char(starts_at, 'HH24:MI') || ' ' || version FROM training_sessions WHERE id = $1", [scene.session]
            )
            #expect(state == "2026-11-10 18:00 1")
            // Planned and closed (never held) stays editable: only a held session's record is final.
            try await database.run("UPDATE training_sessions SET status = 'planned' WHERE id = $1", [scene.session])
            #expect(try await admin.get(url).text.contains(#"name="starts_at""#))
        }
    }

    @Test("deleting a session or an athlete with attendance: the page names the records (how many, the first ones linked) and offers no delete; a POST deletes nothing")
    func deleteWithAttendance() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let anna = scene.records["Anna Ivanova"]!
            let deleteURL = AdminURL.delete("training-sessions", String(scene.session))
            let page = try await admin.get(deleteURL)
            #expect(page.status == .ok)
            #expect(page.text.contains("The training session cannot be deleted"))
            #expect(page.text.contains("<li>3 attendance records<ul>"))
            #expect(page.text.contains(#"<li><a href="/admin/attendance/\#(anna)/">Anna Ivanova, 2026-11-10</a></li>"#))
            #expect(!page.text.contains("Yes, delete"))
            let refused = try await admin.post(deleteURL, [])
            #expect(refused.status == .seeOther)
            #expect(try await admin.follow(refused).text.contains("was not deleted, as other records refer to it: 3 attendance records."))
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions WHERE id = $1", [scene.session], as: Int.self) == 1)

            let athlete: Int = try await database.value("SELECT athlete_id::int FROM attendance_records WHERE id = $1", [anna])
            let athletePage = try await admin.get(AdminURL.delete("athletes", String(athlete)))
            #expect(athletePage.text.contains("The athlete cannot be deleted"))
            #expect(athletePage.text.contains("<li>1 attendance record<ul>"))
            #expect(athletePage.text.contains(#"<li><a href="/admin/attendance/\#(anna)/">2026-11-10, U-12 Football</a></li>"#))
            #expect(!athletePage.text.contains("other records still refer to it"))

            // In bulk: the athlete with attendance is left alone with the records named; one without is deleted.
            let newcomer: Int = try await database.value("INSERT INTO athletes (full_name, birth_date) VALUES ('Zoe New', '2015-01-01') RETURNING id::int")
            _ = try await admin.get(AdminURL.changeList("athletes"))
            let bulk = try await admin.post(AdminURL.actions("athletes"), [("action", "delete"), ("selected", String(athlete)), ("selected", String(newcomer))])
            #expect(bulk.text.contains("<li>Zoe New</li>"))
            #expect(bulk.text.contains("<li>“Anna Ivanova”: It cannot be deleted while these refer to it: 1 attendance record<ul>"))
            let done = try await admin.follow(try await admin.post(AdminURL.actions("athletes"), AttendanceBulkConfirmationTests.confirmation(bulk.text)))
            #expect(done.text.contains("“Delete selected”: 1 row changed."))
            #expect(try await database.value("SELECT count(*)::int FROM athletes WHERE id = ANY($1::bigint[])", [[athlete, newcomer]], as: Int.self) == 1)
        }
    }

    @Test("in Russian the engine's own action and the new messages are translated")
    func russian() async throws {
        try await TestApp.test { client, database in
            let scene = try await AttendanceAdminTests.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let list = try await admin.get(AdminURL.changeList("athletes"))
            #expect(list.text.contains(#"<option value="">Выберите действие</option><option value="delete">Удалить выбранные</option>"#))
            let page = try await admin.get(AdminURL.delete("training-sessions", String(scene.session)))
            #expect(page.text.contains("3 отметки посещаемости"))
        }
    }
}
