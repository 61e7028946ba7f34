import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The training groups' pages: the schedule slots edited inline, their checks, the re-sync job each
/// schedule change enqueues, the four-week preview and what coaches see.
@Suite("Training admin: groups and their weekly schedule")
struct TrainingGroupsAdminTests {
    static let add = AdminURL.addForm("training-groups")

    /// A group form's fields, with slot rows `(id, weekday, start, minutes, location, remove)`.
    static func form(
        name: String = "Juniors", coach: Int, archived: Bool = false, version: Int? = nil,
        slots: [(id: Int?, weekday: String, start: String, minutes: String, location: String, remove: Bool)] = []
    ) -> [(String, String)] {
        var fields = [("name", name), ("coach_id", String(coach)), ("description", "Under 14"), ("slots-rows", String(slots.count))]
        if archived { fields.append(("is_archived", "true")) }
        if let version { fields.append(("version", String(version))) }
        for (index, slot) in slots.enumerated() {
            fields += [
                ("slots-\(index)-id", slot.id.map(String.init) ?? ""), ("slots-\(index)-weekday", slot.weekday),
                ("slots-\(index)-starts_at", slot.start), ("slots-\(index)-duration_minutes", slot.minutes),
                ("slots-\(index)-location", slot.location),
            ]
            if slot.remove { fields.append(("slots-\(index)-remove", "1")) }
        }
        return fields + [("_save", "1")]
    }

    static func signedIn(_ client: any TestClientProtocol, _ email: String = "admin@example.org") async throws -> Browser {
        var browser = Browser(client)
        try await browser.signIn(email)
        return browser
    }

    /// The group "Juniors" (Monday 18:00, 60 minutes, Hall A) and an admin signed in: users by role,
    /// the group's and its slot's ids, its form's URL and the browser.
    static func juniors(
        _ client: any TestClientProtocol, _ database: TestDatabase
    ) async throws -> ([Role: Int], Int, Int, String, Browser) {
        let users = try await TestUsers.everyRole(in: database)
        let group = try await TestTraining.group("Juniors", coach: users[.coach]!, slots: [(1, "18:00", 60)], in: database)
        let slot: Int = try await database.value("SELECT id::int FROM group_schedule_slots WHERE group_id = $1", [group])
        return (users, group, slot, AdminURL.changeForm("training-groups", String(group)), try await Self.signedIn(client))
    }

    @Test("adding a group with two slots saves both, lists them as 'Mon 18:00, Wed 18:30' and enqueues one re-sync")
    func addWithSlots() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            var browser = try await Self.signedIn(client)
            let page = try await browser.get(Self.add)
            #expect(page.status == .ok)
            #expect(page.text.contains("name=\"slots-0-weekday\""))
            let saved = try await browser.post(Self.add, Self.form(coach: users[.coach]!, slots: [
                (nil, "3", "18:30", "90", "Hall B", false), (nil, "1", "18:00", "60", "Hall A", false), (nil, "", "", "60", "", false),
            ]))
            #expect(saved.status == .seeOther)
            let group: Int = try await database.value("SELECT id::int FROM training_groups WHERE name = 'Juniors'")
            #expect(try await TestTraining.slots(of: group, in: database) == ["1 18:00 60 Hall A", "3 18:30 90 Hall B"])
            #expect(try await TestTraining.resyncJobs(group: group, in: database) == 1)
            let audited: Int = try await database.value(
                "SELECT count(*)::int FROM audit_records WHERE object_type = 'training-groups.slots' AND action = 'add'"
            )
            #expect(audited == 2)
            let list = try await browser.follow(saved)
            #expect(list.text.contains("Mon 18:00, Wed 18:30"))
        }
    }

    @Test("adding, changing and removing a slot each enqueue exactly one re-sync; a form changing nothing enqueues none")
    func slotChanges() async throws {
        try await TestApp.test { client, database in
            let (users, group, slot, url, admin) = try await Self.juniors(client, database)
            var browser = admin
            let steps: [[(id: Int?, weekday: String, start: String, minutes: String, location: String, remove: Bool)]] = [
                [(slot, "1", "18:00", "60", "Hall A", false)],
                [(slot, "1", "18:00", "60", "Hall A", false), (nil, "5", "17:00", "45", "", false)],
                [(slot, "2", "18:15", "60", "Hall A", false)],
                [(slot, "2", "18:15", "60", "Hall A", true)],
            ]
            for (index, slots) in steps.enumerated() {
                try await database.run("DELETE FROM jobs")
                let version: Int = try await database.value("SELECT version FROM training_groups WHERE id = $1", [group])
                _ = try await browser.get(url)
                let response = try await browser.post(url, Self.form(coach: users[.coach]!, version: version, slots: slots))
                #expect(response.status == .seeOther, "step \(index)")
                #expect(try await TestTraining.resyncJobs(group: group, in: database) == (index == 0 ? 0 : 1), "step \(index)")
                // Step 0 changes the description; steps 1–3 only the slots, and the group's version is raised all
                // the same, so a form opened before cannot overwrite the schedule.
                let after: Int = try await database.value("SELECT version FROM training_groups WHERE id = $1", [group])
                #expect(after == version + 1, "step \(index)")
            }
            // The slot added in step 1 was not posted again: rows a form does not post are left alone.
            #expect(try await TestTraining.slots(of: group, in: database) == ["5 17:00 45 "])
            let history = try await browser.get(url + "history")
            #expect(history.text.contains("Weekly schedule"))
        }
    }

    @Test("archiving or un-archiving enqueues one re-sync; an archived group's schedule is read-only and a forged change is refused")
    func archiving() async throws {
        try await TestApp.test { client, database in
            let (users, group, slot, url, admin) = try await Self.juniors(client, database)
            var browser = admin
            _ = try await browser.get(url)
            let archived = try await browser.post(url, Self.form(coach: users[.coach]!, archived: true, version: 1))
            #expect(archived.status == .seeOther)
            #expect(try await TestTraining.resyncJobs(group: group, in: database) == 1)
            let form = try await browser.get(url)
            #expect(form.text.contains("The group is archived: its schedule cannot be changed until it is un-archived."))
            #expect(!form.text.contains("name=\"slots-0-weekday\""))
            try await database.run("DELETE FROM jobs")
            let forged = try await browser.post(url, Self.form(coach: users[.coach]!, archived: true, version: 2, slots: [
                (slot, "4", "10:00", "60", "Hall A", false),
            ]))
            #expect(forged.status == .forbidden)
            #expect(try await TestTraining.slots(of: group, in: database) == ["1 18:00 60 Hall A"])
            #expect(try await TestTraining.resyncJobs(group: group, in: database) == 0)
            let restored = try await browser.post(url, Self.form(coach: users[.coach]!, version: 2))
            #expect(restored.status == .seeOther)
            #expect(try await TestTraining.resyncJobs(group: group, in: database) == 1)
        }
    }

    @Test("bad input gives a message beside the field or row, 422, keeps what was typed, changes and enqueues nothing", arguments: [
        ("empty name", "name", "", "1", "18:00", "60", "field-name-error", "This field is required."),
        ("long name", "name", String(repeating: "a", count: 151), "1", "18:00", "60", "field-name-error", "At most 150 characters"),
        ("malformed time", "slot", "Juniors", "1", "7pm", "60", "field-slots-1-starts_at-error", "Enter a time as HH:MM."),
        ("short slot", "slot", "Juniors", "1", "18:00", "4", "field-slots-1-duration_minutes-error", "Enter a number from 5 to 720."),
        ("long slot", "slot", "Juniors", "1", "18:00", "721", "field-slots-1-duration_minutes-error", "Enter a number from 5 to 720."),
        ("past midnight", "slot", "Juniors", "1", "23:30", "60", "field-slots-1-duration_minutes-error", "The session must end before midnight."),
        ("no weekday", "slot", "Juniors", "", "18:00", "60", "field-slots-1-weekday-error", "This field is required."),
        ("weekday 8", "slot", "Juniors", "8", "18:00", "60", "field-slots-1-weekday-error", "Choose one of the options offered."),
        ("same start twice", "slot", "Juniors", "1", "18:00", "30", "field-slots-1-starts_at-error", "The group already has a session starting then"),
    ])
    func badInput(
        _ label: String, _ target: String, _ name: String, _ weekday: String, _ start: String, _ minutes: String,
        _ errorID: String, _ message: String
    ) async throws {
        try await TestApp.test { client, database in
            let (users, group, slot, url, admin) = try await Self.juniors(client, database)
            var browser = admin
            _ = try await browser.get(url)
            let response = try await browser.post(url, Self.form(name: name, coach: users[.coach]!, version: 1, slots: [
                (slot, "1", "18:00", "60", "Hall A", false), (nil, weekday, start, minutes, "Typed hall", false),
            ]))
            #expect(response.status == .unprocessableContent, "\(label)")
            #expect(response.text.contains("id=\"\(errorID)\""), "\(label)")
            #expect(response.text.contains(message), "\(label)")
            #expect(response.text.contains("value=\"Typed hall\""), "\(label)")
            #expect(try await TestTraining.slots(of: group, in: database) == ["1 18:00 60 Hall A"], "\(label)")
            #expect(try await database.value("SELECT name || version FROM training_groups WHERE id = $1", [group], as: String.self) == "Juniors1")
            #expect(try await TestTraining.resyncJobs(group: group, in: database) == 0, "\(label)")
        }
    }

    @Test("another group's slot posted by id, a stale version or an unknown coach change nothing")
    func forgedAndStale() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, slots: [(1, "18:00", 60)], in: database)
            let other = try await TestTraining.group("Seniors", coach: users[.coach]!, slots: [(2, "19:00", 60)], in: database)
            let theirs: Int = try await database.value("SELECT id::int FROM group_schedule_slots WHERE group_id = $1", [other])
            var browser = try await Self.signedIn(client)
            let url = AdminURL.changeForm("training-groups", String(group))
            _ = try await browser.get(url)
            let forged = try await browser.post(url, Self.form(coach: users[.coach]!, version: 1, slots: [(theirs, "3", "08:00", "60", "", true)]))
            #expect(forged.status == .unprocessableContent)
            #expect(forged.text.contains("This row is not part of this record; nothing was changed."))
            #expect(try await TestTraining.slots(of: other, in: database) == ["2 19:00 60 Hall A"])

            let unknownCoach = try await browser.post(url, Self.form(coach: 999_999, version: 1))
            #expect(unknownCoach.status == .unprocessableContent)
            #expect(unknownCoach.text.contains("id=\"field-coach_id-error\""))
            let student = try await browser.post(url, Self.form(coach: users[.student]!, version: 1))
            #expect(student.status == .unprocessableContent)

            try await database.run("UPDATE training_groups SET version = 2 WHERE id = $1", [group])
            let stale = try await browser.post(url, Self.form(name: "Renamed", coach: users[.coach]!, version: 1, slots: [(nil, "4", "10:00", "60", "", false)]))
            #expect(stale.status == .conflict)
            #expect(stale.text.contains(#"value="10:00""#), "the slot the user typed is shown again, not lost")
            #expect(try await TestTraining.slots(of: group, in: database) == ["1 18:00 60 Hall A"])
            #expect(try await database.value("SELECT name FROM training_groups WHERE id = $1", [group], as: String.self) == "Juniors")
            #expect(try await TestTraining.resyncJobs(group: group, in: database) == 0)
        }
    }

    @Test("the preview lists the next four weeks: generated sessions with their status, the rest 'not generated yet'")
    func preview() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let group = try await TestTraining.group("Juniors", coach: users[.coach]!, slots: [(1, "18:00", 60), (4, "07:00", 30)], in: database)
            let today: String = try await database.value("SELECT ((now() AT TIME ZONE 'Europe/Moscow')::date)::text")
            try await database.run(
                """
                INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, status, origin)
                SELECT $1, d, '18:00', '19:00', 'held', 'schedule' FROM generate_series($2::date, $2::date + 6, interval '1 day') AS d
                WHERE extract(isodow FROM d) = 1
                """,
                [group, today]
            )
            var browser = try await Self.signedIn(client)
            let page = try await browser.get(AdminURL.changeForm("training-groups", String(group)))
            #expect(page.text.contains("The next four weeks"))
            let rows = page.text.components(separatedBy: "<tr>").count
            #expect(page.text.components(separatedBy: "Not generated yet").count - 1 == 7)
            #expect(page.text.contains(">Held<") && !page.text.contains(">held<"))
            #expect(rows >= 8)
        }
    }

    @Test("a coach sees their own groups read-only, not others'; list filters by coach and archived")
    func coachAndFilters() async throws {
        try await TestApp.test { client, database in
            let users = try await TestUsers.everyRole(in: database)
            let otherCoach = try await TestUsers.create("coach2@example.org", role: .coach, name: "Other Coach", in: database)
            let mine = try await TestTraining.group("Mine", coach: users[.coach]!, in: database)
            let theirs = try await TestTraining.group("Theirs", coach: otherCoach, archived: true, in: database)
            var coach = try await Self.signedIn(client, "coach@example.org")
            let list = try await coach.get(AdminURL.changeList("training-groups"))
            #expect(list.text.contains("Mine") && !list.text.contains("Theirs"))
            let own = try await coach.get(AdminURL.changeForm("training-groups", String(mine)))
            #expect(own.status == .ok)
            #expect(!own.text.contains("name=\"name\""))
            #expect(try await coach.get(AdminURL.changeForm("training-groups", String(theirs))).status == .notFound)
            #expect(try await coach.post(AdminURL.changeForm("training-groups", String(mine)), Self.form(name: "X", coach: users[.coach]!, version: 1)).status == .forbidden)

            var admin = try await Self.signedIn(client)
            let byCoach = try await admin.get(AdminURL.changeList("training-groups") + "?coach=\(otherCoach)")
            #expect(byCoach.text.contains("Theirs") && !byCoach.text.contains(">Mine<"))
            let active = try await admin.get(AdminURL.changeList("training-groups") + "?is_archived=no")
            #expect(active.text.contains("Mine") && !active.text.contains("Theirs"))
            let search = try await admin.get(AdminURL.changeList("training-groups") + "?q=thei")
            #expect(search.text.contains("Theirs") && !search.text.contains(">Mine<"))
        }
    }
}
