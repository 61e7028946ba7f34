import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Attendance at the desk: the change list's in-place editing (one Save, each row under its version),
/// bulk actions, the change form's panels, and who may change what.
@Suite("Attendance admin: the list with bulk edit, the form")
struct AttendanceAdminTests {
    /// A group with one held session on 2026-11-10 and three athletes marked present; a second coach's
    /// group with one record. Record ids by athlete name.
    struct Scene {
        let fixture: TrainingFixture
        let session: Int
        let records: [String: Int]
        let otherRecord: Int
    }

    static func scene(_ database: TestDatabase) async throws -> Scene {
        let fixture = try await TrainingFixture.make(in: database, name: "U-12 Football", slots: [])
        let other = try await TrainingFixture.make(in: database, name: "Swimming", slots: [])
        func session(_ group: Int) async throws -> Int {
            try await database.value(
                "INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status) VALUES ($1, '2026-11-10', '18:00', '19:30', 'held') RETURNING id::int",
                [group]
            )
        }
        let mine = try await session(fixture.group), theirs = try await session(other.group)
        var records: [String: Int] = [:]
        for name in ["Anna Ivanova", "Boris Petrov", "Clara Sokolova"] {
            records[name] = try await Self.record(name, session: mine, group: fixture.group, database)
        }
        let otherRecord = try await Self.record("Dora Belova", session: theirs, group: other.group, database)
        return Scene(fixture: fixture, session: mine, records: records, otherRecord: otherRecord)
    }

    static func record(_ name: String, session: Int, group: Int, _ database: TestDatabase) async throws -> Int {
        let athlete: Int = try await database.value("INSERT INTO athletes (full_name, birth_date) VALUES ($1, '2014-05-01') RETURNING id::int", [name])
        try await database.run("INSERT INTO group_memberships (athlete_id, group_id, joined_on) VALUES ($1, $2, '2026-09-01')", [athlete, group])
        return try await database.value(
            "INSERT INTO attendance_records (session_id, athlete_id, status) VALUES ($1, $2, 'present') RETURNING id::int", [session, athlete]
        )
    }

    /// The Save's fields for rows as the page showed them, with `changes` (record id → field → value) typed over.
    static func save(_ page: String, rows: [Int], changes: [Int: [String: String]]) -> [(String, String)] {
        var fields: [(String, String)] = [("list_query", "")]
        for id in rows {
            let version = value(in: page, name: "row-\(id)-version") ?? "?"
            fields += [("rows", String(id)), ("row-\(id)-version", version)]
            for field in ["status", "note"] {
                let was = value(in: page, name: "row-\(id)-was-\(field)") ?? ""
                fields += [("row-\(id)-was-\(field)", was), ("row-\(id)-\(field)", changes[id]?[field] ?? was)]
            }
        }
        return fields
    }

    /// The value of the hidden input named `name` on a page.
    static func value(in page: String, name: String) -> String? {
        guard let range = page.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func status(_ record: Int, _ database: TestDatabase) async throws -> String {
        try await database.value("SELECT status || '|' || note || '|' || coalesce(marked_by::text, '-') FROM attendance_records WHERE id = $1", [record])
    }

    @Test("one Save: changed rows saved and audited with who marked them; a row changed meanwhile by someone else is not overwritten and shown as a conflict")
    func bulkEditWithStaleRow() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let admin = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let list = try await browser.get("/admin/attendance/")
            #expect(list.status == .ok)
            #expect(list.text.contains(#"name="row-\#(scene.records["Anna Ivanova"]!)-status""#))
            let anna = scene.records["Anna Ivanova"]!, boris = scene.records["Boris Petrov"]!, clara = scene.records["Clara Sokolova"]!
            // Someone else marks Clara late after the page was loaded.
            try await database.run("UPDATE attendance_records SET status = 'late', version = version + 1 WHERE id = $1", [clara])
            let response = try await browser.post("/admin/attendance/edit", Self.save(list.text, rows: [anna, boris, clara], changes: [
                anna: ["status": "absent", "note": "ill"], boris: ["note": "left early"], clara: ["status": "excused"],
            ]))
            #expect(response.status == .conflict)
            #expect(response.text.contains("2 rows saved. 1 row was not saved: see the message beside it."))
            #expect(response.text.contains("Someone else changed this row after you loaded the page"))
            #expect(response.text.contains("Your value: <mark>Excused</mark>"))
            #expect(try await Self.status(anna, database) == "absent|ill|\(admin)")
            #expect(try await Self.status(boris, database) == "present|left early|-", "a note alone does not change who marked")
            #expect(try await Self.status(clara, database) == "late||-", "not overwritten")
            let audited: Int = try await database.value("SELECT count(*)::int FROM audit_records WHERE object_type = 'attendance' AND action = 'change'")
            #expect(audited == 2)

            // Saved again from the conflict page, Clara's row now carries the current version.
            let again = try await browser.post("/admin/attendance/edit", Self.save(response.text, rows: [clara], changes: [clara: ["status": "excused"]]))
            #expect(again.status == .seeOther)
            #expect(try await Self.status(clara, database) == "excused||\(admin)")
        }
    }

    @Test("the athlete search ignores case in Latin and Cyrillic, takes % and _ literally, and finds a renamed athlete by the new name, on the attendance list and the athletes list")
    func athleteSearch() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let ivan = try await Self.record("ИВАН Смирнов", session: scene.session, group: scene.fixture.group, database)
            let literal = try await Self.record("Zoe 100%_a", session: scene.session, group: scene.fixture.group, database)
            _ = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            func found(_ query: String) async throws -> Set<Int> {
                let page = try await browser.get("/admin/attendance/?q=" + (query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(page.status == .ok)
                let all = Array(scene.records.values) + [ivan, literal]
                return Set(all.filter { page.text.contains(#"name="row-\#($0)-status""#) })
            }
            #expect(try await found("IVANOVA") == [scene.records["Anna Ivanova"]!])
            #expect(try await found("иван") == [ivan])
            #expect(try await found("смирНОВ") == [ivan])
            #expect(try await found("100%_") == [literal])
            #expect(try await found("0%a").isEmpty, "% is not a wildcard")
            #expect(try await found("e_1").isEmpty, "_ is not a wildcard")
            try await database.run("UPDATE athletes SET full_name = 'Anna Kuznetsova' WHERE full_name = 'Anna Ivanova'")
            #expect(try await found("ivanova").isEmpty)
            #expect(try await found("KUZNETS") == [scene.records["Anna Ivanova"]!])
            let athletes = try await browser.get("/admin/athletes/?q=kuzNETS")
            #expect(athletes.text.contains("Anna Kuznetsova") && !athletes.text.contains("Boris Petrov"))
        }
    }

    @Test("bad input in any row (unknown status, a note too long, an empty status) saves nothing and says so beside the input")
    func badInput() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let list = try await browser.get("/admin/attendance/")
            let anna = scene.records["Anna Ivanova"]!, boris = scene.records["Boris Petrov"]!
            for (changes, message) in [
                ([anna: ["status": "absent"], boris: ["status": "sleeping"]], "Choose one of the options offered."),
                ([anna: ["status": "absent"], boris: ["note": String(repeating: "я", count: 501)]], "At most 500 characters, please (this has 501)."),
                ([anna: ["status": "absent"], boris: ["status": ""]], "This field is required."),
            ] {
                let response = try await browser.post("/admin/attendance/edit", Self.save(list.text, rows: [anna, boris], changes: changes))
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("1 row has errors: nothing was saved."))
                #expect(response.text.contains(#"<p class="field__error" id="field-row-\#(boris)-"#) && response.text.contains(message))
                #expect(response.text.contains(#"<option value="absent" selected>"#), "what was typed comes back")
                #expect(try await Self.status(anna, database) == "present||-")
                #expect(try await Self.status(boris, database) == "present||-")
            }
        }
    }

    @Test("a coach edits their own group's rows only: another group's row id changes nothing; a closed session's rows are read-only")
    func scopeAndClosed() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let coachEmail: String = try await database.value("SELECT email::text FROM users WHERE id = $1", [scene.fixture.coach])
            var coach = Browser(client)
            try await coach.signIn(coachEmail)
            let list = try await coach.get("/admin/attendance/")
            #expect(list.status == .ok)
            #expect(!list.text.contains("Dora Belova"))
            #expect(list.text.contains("U-12 Football") && !list.text.contains("Swimming"), "the group filter offers the coach's own groups only")
            let anna = scene.records["Anna Ivanova"]!
            var fields = Self.save(list.text, rows: [anna], changes: [anna: ["status": "late"]])
            fields += [("rows", String(scene.otherRecord)), ("row-\(scene.otherRecord)-version", "1"), ("row-\(scene.otherRecord)-status", "absent"),
                       ("row-\(scene.otherRecord)-was-status", "present"), ("row-\(scene.otherRecord)-note", ""), ("row-\(scene.otherRecord)-was-note", "")]
            let response = try await coach.post("/admin/attendance/edit", fields)
            #expect(response.status == .conflict)
            #expect(response.text.contains("1 row saved. 1 row no longer exists or is not yours to change: nothing was saved for it."))
            #expect(try await Self.status(scene.otherRecord, database) == "present||-")
            #expect(try await Self.status(anna, database) == "late||\(scene.fixture.coach)")

            try await database.run("UPDATE training_sessions SET is_closed = true WHERE id = $1", [scene.session])
            let closed = try await coach.get("/admin/attendance/")
            #expect(!closed.text.contains(#"name="row-\#(anna)-status""#), "no inputs for a closed session's rows")
            let forged = try await coach.post("/admin/attendance/edit", Self.save(list.text, rows: [anna], changes: [anna: ["status": "absent"]]))
            #expect(forged.status == .conflict)
            #expect(forged.text.contains("The session is closed: its attendance cannot be changed. An administrator can reopen it from its journal."))
            #expect(try await Self.status(anna, database).hasPrefix("late|"))
        }
    }

    @Test("bulk actions mark the selected rows and record who marked them; the form shows the athlete and the session")
    func actionsAndForm() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            let admin = try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            _ = try await browser.get("/admin/attendance/")
            let anna = scene.records["Anna Ivanova"]!, boris = scene.records["Boris Petrov"]!, clara = scene.records["Clara Sokolova"]!
            // Clara is absent already: the action leaves her row as it is (not re-stamped, same version, no audit)
            try await database.run("UPDATE attendance_records SET status = 'absent' WHERE id = $1", [clara])
            let response = try await browser.post("/admin/attendance/actions", [
                ("list_query", ""), ("action", "mark_absent"), ("selected", String(anna)), ("selected", String(boris)),
                ("selected", String(clara)), ("confirm", "yes"),
            ])
            #expect(response.status == .seeOther)
            #expect(try await browser.follow(response).text.contains("“Mark selected as absent”: 2 rows changed."))
            #expect(try await Self.status(anna, database) == "absent||\(admin)")
            #expect(try await Self.status(boris, database) == "absent||\(admin)")
            #expect(try await Self.status(clara, database) == "absent||-")
            let versions: String = try await database.value(
                "SELECT string_agg(version::text, ',' ORDER BY id) FROM attendance_records WHERE id = ANY($1::bigint[])", [[anna, boris, clara]]
            )
            #expect(versions == "2,2,1")
            let audited: String = try await database.value(
                "SELECT string_agg(object_id || ':' || (changes -> 0 ->> 'new'), ',' ORDER BY object_id::bigint) FROM audit_records WHERE object_type = 'attendance' AND action = 'change'"
            )
            #expect(audited == "\(anna):absent,\(boris):absent")

            let form = try await browser.get("/admin/attendance/\(anna)/")
            #expect(form.status == .ok)
            #expect(form.text.contains("Anna Ivanova") && form.text.contains("1 May 2014") && form.text.contains("U-12 Football"))
            #expect(form.text.contains("10 Nov 2026") && form.text.contains("18:00–19:30"))
            #expect(form.text.contains(#"<a href="/admin/training-sessions/\#(scene.session)/">Back to the training session</a>"#))
            let session = try await browser.get("/admin/training-sessions/\(scene.session)/")
            #expect(session.status == .ok)
            #expect(session.text.contains(#"<td data-label="Members on the date">3</td><td data-label="Marked">3</td><td data-label="Unmarked">0</td>"#))
            #expect(session.text.contains(#"href="/coach/sessions/\#(scene.session)""#))
        }
    }

    @Test("a session is closed only through its journal: the form never reopens it, a coach may not close in bulk; a session changed by hand leaves the schedule")
    func sessionClosingAndHandEdits() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            // Closed before it was held (a held and closed session's form is read-only: TrainingSessionSafetyTests).
            try await database.run("UPDATE training_sessions SET is_closed = true, status = 'planned', origin = 'schedule' WHERE id = $1", [scene.session])
            let coachEmail: String = try await database.value("SELECT email::text FROM users WHERE id = $1", [scene.fixture.coach])
            var coach = Browser(client)
            try await coach.signIn(coachEmail)
            let url = AdminURL.changeForm("training-sessions", String(scene.session))
            let form = try await coach.get(url)
            #expect(form.status == .ok)
            #expect(!form.text.contains(#"name="is_closed""#), "no checkbox to reopen it")
            let version = Self.value(in: form.text, name: "version") ?? "?"
            let saved = try await coach.post(url, [
                ("version", version), ("session_date", "2026-11-10"), ("starts_at", "18:00"), ("ends_at", "19:30"),
                ("location", "Hall B"), ("status", "held"), ("notes", ""), ("_save", "1"),
            ])
            #expect(saved.status == .seeOther)
            let state: String = try await database.value("SELECT is_closed::text || ' ' || origin || ' ' || location FROM training_sessions WHERE id = $1", [scene.session])
            #expect(state == "true manual Hall B", "still closed; moved to another hall by hand, so no longer the schedule's")

            try await database.run("UPDATE training_sessions SET is_closed = false WHERE id = $1", [scene.session])
            _ = try await coach.get(AdminURL.changeList("training-sessions"))
            let bulk = try await coach.post(AdminURL.actions("training-sessions"), [("action", "close"), ("selected", String(scene.session))])
            #expect(bulk.status == .unprocessableContent)
            #expect(bulk.text.contains("Choose an action."), "not offered to a coach, so a forged post names no action")
            let list = try await coach.get("/admin/training-sessions/")
            #expect(list.text.contains("Close selected sessions") == false)
            #expect(try await database.value("SELECT is_closed FROM training_sessions WHERE id = $1", [scene.session], as: Bool.self) == false)
        }
    }

    @Test("an athlete with attendance history cannot be deleted (it would change past reports)")
    func athleteWithHistory() async throws {
        try await TestApp.test { client, database in
            let scene = try await Self.scene(database)
            try await TestUsers.create("admin@example.org", role: .admin, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let athlete: Int = try await database.value("SELECT athlete_id::int FROM attendance_records WHERE id = $1", [scene.records["Anna Ivanova"]!])
            _ = try await browser.get("/admin/athletes/\(athlete)/delete")
            let refused = try await browser.follow(try await browser.post("/admin/athletes/\(athlete)/delete"))
            #expect(refused.text.contains("was not deleted, as other records refer to it: 1 attendance record."))
            #expect(try await database.value("SELECT count(*)::int FROM attendance_records WHERE athlete_id = $1", [athlete], as: Int.self) == 1)
        }
    }
}
