import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import Testing

/// The training sessions' pages: the form and its checks, the list's filters and search, what a coach
/// may do, and an archived group's sessions being read-only everywhere (form, forged POST, bulk, delete).
@Suite("Training admin: sessions")
struct TrainingSessionsAdminTests {
    static func fields(
        group: Int? = nil, date: String = "2026-03-02", start: String = "18:00", end: String = "19:30", status: String = "planned",
        version: Int? = nil, notes: String = "Bring spikes"
    ) -> [(String, String)] {
        var fields = [("session_date", date), ("starts_at", start), ("ends_at", end), ("location", "Hall A"), ("status", status), ("notes", notes)]
        if let group { fields.append(("group_id", String(group))) }
        if let version { fields.append(("version", String(version))) }
        return fields + [("_save", "1")]
    }

    @Test("an admin adds a session; a clash, an end before the start, a malformed date or time get a message and add nothing")
    func addAndBadInput() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            let archived = try await TestTraining.group("Old", coach: users[.coach]!, archived: true, in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let add = AdminURL.addForm("training-sessions")
            _ = try await browser.get(add)
            let saved = try await browser.post(add, Self.fields(group: group))
            #expect(saved.status == .seeOther)
            let cases: [([(String, String)], String, String)] = [
                (Self.fields(group: group), "field-starts_at-error", "The group already has a session starting then on this date."),
                (Self.fields(group: group, date: "2026-03-03", end: "17:00"), "field-ends_at-error", "The session must end after it starts."),
                (Self.fields(group: group, date: "2026-02-30"), "field-session_date-error", "Enter a real date (YYYY-MM-DD)."),
                (Self.fields(group: group, date: "2026-03-03", start: "25:00"), "field-starts_at-error", "Enter a time as HH:MM."),
                (Self.fields(group: group, date: "2026-03-03", status: "postponed"), "field-status-error", "Choose one of the options offered."),
                (Self.fields(group: archived, date: "2026-03-03"), "field-group_id-error", "The session's group is archived"),
                (Self.fields(date: "2026-03-03"), "field-group_id-error", "This field is required."),
            ]
            for (form, errorID, message) in cases {
                let response = try await browser.post(add, form)
                #expect(response.status == .unprocessableContent, "\(message)")
                #expect(response.text.contains("id=\"\(errorID)\""), "\(message)")
                #expect(response.text.contains(message.replacingOccurrences(of: "'", with: "&#39;")), "\(message)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM training_sessions", as: Int.self) == 1)
        }
    }

    @Test("the list filters by group, date range, status and closed, and searches by group name")
    func listFilters() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let juniors = try await TestTraining.group("Juniors", coach: users[.coach]!, in: database)
            let seniors = try await TestTraining.group("Seniors", coach: users[.coach]!, in: database)
            try await TestTraining.session(group: juniors, date: "2026-03-02", in: database)
            try await TestTraining.session(group: seniors, date: "2026-03-10", in: database)
            try await database.run("UPDATE training_sessions SET status = 'held', is_closed = true WHERE group_id = $1", [seniors])
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            let list = AdminURL.changeList("training-sessions")
            let checks: [(String, Int)] = [
                ("?session_date=all", 2), ("?session_date=all&group=\(juniors)", 1), ("?session_date_from=2026-03-05&session_date_to=2026-03-31", 1),
                ("?session_date_from=2026-03-11", 0), ("?session_date=all&status=held", 1), ("?session_date=all&is_closed=no", 1),
                ("?session_date=all&q=senio", 1), ("?session_date=all&q=nobody", 0), ("", 0),
            ]
            for (query, count) in checks {
                let page = try await browser.get(list + query)
                #expect(page.status == .ok)
                #expect(page.text.contains(count == 1 ? "1 result" : "\(count) results"), "\(query)")
            }
            let page = try await browser.get(list + "?session_date=all")
            #expect(page.text.contains("18:00–19:30"))
        }
    }

    @Test("a coach changes their own groups' sessions, never others' (404), and may not add or delete")
    func coachScope() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let otherCoach = try await TestUsers.create("coach2@example.org", role: .coach, in: database)
            let mine = try await TestTraining.session(group: try await TestTraining.group("Mine", coach: users[.coach]!, in: database), date: "2026-03-02", in: database)
            let theirs = try await TestTraining.session(group: try await TestTraining.group("Theirs", coach: otherCoach, in: database), date: "2026-03-02", in: database)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let list = try await coach.get(AdminURL.changeList("training-sessions") + "?session_date=all")
            #expect(list.text.contains("1 result") && list.text.contains("href=\"/admin/training-sessions/\(mine)/\""))
            #expect(!list.text.contains("href=\"/admin/training-sessions/\(theirs)/\""))
            let theirURL = AdminURL.changeForm("training-sessions", String(theirs))
            #expect(try await coach.get(theirURL).status == .notFound)
            let forged = try await coach.post(theirURL, Self.fields(status: "held", version: 1))
            #expect(forged.status == .notFound)
            #expect(try await database.value("SELECT status FROM training_sessions WHERE id = $1", [theirs], as: String.self) == "planned")

            let url = AdminURL.changeForm("training-sessions", String(mine))
            let form = try await coach.get(url)
            #expect(form.text.contains("href=\"/coach/sessions/\(mine)\""))
            #expect(form.text.contains("Attendance journal"))
            let changed = try await coach.post(url, Self.fields(status: "held", version: 1))
            #expect(changed.status == .seeOther)
            #expect(try await database.value("SELECT status FROM training_sessions WHERE id = $1", [mine], as: String.self) == "held")
            #expect(try await coach.get(AdminURL.addForm("training-sessions")).status == .forbidden)
            #expect(try await coach.get(AdminURL.delete("training-sessions", String(mine))).status == .forbidden)
        }
    }

    @Test("an archived group's session is read-only: the form says so, a forged POST, a bulk action and a delete change nothing")
    func archivedReadOnly() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Old", coach: users[.coach]!, archived: true, in: database)
            let session = try await TestTraining.session(group: group, date: "2026-03-02", in: database)
            let url = AdminURL.changeForm("training-sessions", String(session))
            for email in ["coach@example.org", "admin@example.org"] {
                var browser = Browser(client)
                try await browser.signIn(email)
                let form = try await browser.get(url)
                #expect(form.status == .ok)
                #expect(form.text.contains("The session&#39;s group is archived: its sessions cannot be changed."))
                #expect(!form.text.contains("name=\"starts_at\""))
                let forged = try await browser.post(url, Self.fields(start: "07:00", end: "08:00", version: 1))
                #expect(forged.status == .forbidden, "\(email)")
            }
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            _ = try await admin.get(AdminURL.changeList("training-sessions"))
            let bulk = try await admin.post(AdminURL.actions("training-sessions"), [("action", "close"), ("selected", String(session))])
            #expect(bulk.text.contains("The session&#39;s group is archived") || bulk.text.contains("The session's group is archived"))
            _ = try await admin.get(url)
            let deleted = try await admin.post(AdminURL.delete("training-sessions", String(session)), [])
            #expect(deleted.status == .seeOther)
            let state: String = try await database.value(
                "SELECT to_char(starts_at, 'HH24:MI') || is_closed::text || version FROM training_sessions WHERE id = $1", [session]
            )
            #expect(state == "18:00false1")
        }
    }
}
