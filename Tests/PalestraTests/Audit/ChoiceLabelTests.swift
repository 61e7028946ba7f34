import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

/// Stored values never reach a page: statuses and choices by their labels, in English and Russian,
/// and the audit log's object types by name.
@Suite("Choice labels")
struct ChoiceLabelTests {
    @Test("every object type the audit log stores — each registered resource and inline — has a name")
    func everyObjectTypeNamed() {
        let named = Set(AuditObjectType.choices.map(\.value))
        for resource in AdminSite.standard.resources {
            #expect(named.contains(resource.slug), "AuditObjectType.choices lacks \"\(resource.slug)\"")
            for inline in resource.form.inlines {
                #expect(named.contains(inline.auditType(parent: resource)), "AuditObjectType.choices lacks \"\(inline.auditType(parent: resource))\"")
            }
        }
    }

    @Test("attendance and session statuses by their labels on the lists, filters and forms, in English and Russian")
    func statusLabels() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            try await database.run("UPDATE training_sessions SET status = 'held' WHERE id = $1", [fixture.session])
            for (athlete, status) in zip(fixture.athletes, ["present", "late", "excused"]) {
                try await database.run("INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, $3)", [fixture.session, athlete, status])
            }
            var browser = try await Browser.signedInAdmin(client, database)
            let list = try await browser.get("/admin/attendance/")
            for label in ["Present", "Late", "Excused", "Absent"] { #expect(list.text.contains(">\(label)<"), "\(label)") }
            for raw in ["present", "late", "excused", "absent"] { #expect(!list.text.contains(">\(raw)<"), "\(raw)") }
            let sessions = try await browser.get("/admin/training-sessions/")
            #expect(sessions.text.contains(">Held<") && sessions.text.contains(">Cancelled<") && !sessions.text.contains(">held<"))

            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            try await browser.signIn("admin@example.org")
            let russian = try await browser.get("/admin/attendance/")
            for label in ["Присутствует", "Опоздание", "Уважительная причина", "Отсутствует"] { #expect(russian.text.contains(">\(label)<"), "\(label)") }
            #expect(!russian.text.contains("Присутствовал") && !russian.text.contains("Опоздал<"))
            let russianSessions = try await browser.get("/admin/training-sessions/?status=cancelled")
            // A session (занятие) is cancelled in the neuter; a job (задача) in the feminine
            #expect(russianSessions.text.contains(">Отменено<") && !russianSessions.text.contains(">Отменена<"))
            #expect(try await browser.get("/admin/jobs/").text.contains(">Отменена<"))
        }
    }

    @Test("the audit list names object types, in its column and its filter, never by their slugs")
    func auditObjectTypes() async throws {
        try await TestApp.test { client, database in
            let fixture = try await JournalFixture.make(in: database)
            var browser = try await Browser.signedInAdmin(client, database)
            // An audited change of a training session and of a group's schedule
            try await database.run(
                """
                INSERT INTO audit_records (action, object_type, object_id, object_label, changes) VALUES
                  ('change', 'training-sessions', $1, 'U-12 Football, today', '[{"field": "status", "old": "planned", "new": "held"}]'),
                  ('add', 'training-groups.slots', '1', 'Mon 18:00', '[{"field": "weekday", "old": null, "new": "1"}]')
                """,
                [String(fixture.session)]
            )
            let page = try await browser.get("/admin/audit/")
            #expect(page.text.contains(">Training sessions<"))
            #expect(page.text.contains(">Training groups: weekly schedule<"))
            #expect(!page.text.contains(">training-sessions<") && !page.text.contains(">training-groups.slots<"))
            let record: Int = try await database.value("SELECT id::int FROM audit_records WHERE object_type = 'training-sessions'")
            let recordPage = try await browser.get("/admin/audit/\(record)/")
            #expect(recordPage.text.contains("U-12 Football, today") && recordPage.text.contains("Training sessions"))
            #expect(!recordPage.text.contains(">training-sessions") && !recordPage.text.contains("change training-sessions"))
            // Its changes as the session's history shows them: the field's label, the values' labels
            let changes = try #require(recordPage.text.range(of: "Changes").map { String(recordPage.text[$0.lowerBound...].prefix(1500)) })
            #expect(changes.contains(">Status<") && changes.contains(">Planned<") && changes.contains(">Held<"))
            #expect(!changes.contains(">status<") && !changes.contains(">planned<") && !changes.contains(">held<"))
            let slot: Int = try await database.value("SELECT id::int FROM audit_records WHERE object_type = 'training-groups.slots'")
            let slotPage = try await browser.get("/admin/audit/\(slot)/")
            #expect(slotPage.text.contains(">Weekday<") && slotPage.text.contains(">Monday<") && !slotPage.text.contains(">weekday<"))
            let filtered = try await browser.get("/admin/audit/?object_type=training-sessions")
            #expect(filtered.text.contains("U-12 Football, today") && !filtered.text.contains("Mon 18:00"))

            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            try await browser.signIn("admin@example.org")
            let russian = try await browser.get("/admin/audit/")
            #expect(russian.text.contains(">Занятия<") && russian.text.contains(">Группы: расписание на неделю<"))
            // The session's own history shows its status by label
            let history = try await browser.get("/admin/training-sessions/\(fixture.session)/history")
            #expect(history.text.contains("Запланировано") && history.text.contains("Проведено") && !history.text.contains(">held<"))
        }
    }
}
