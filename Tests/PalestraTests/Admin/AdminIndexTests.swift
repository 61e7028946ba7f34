import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// `/admin/`: each resource the user may see with its Add link where they may add, and the user's own
/// recent actions, linked to their objects while these exist.
@Suite("Admin index")
struct AdminIndexTests {
    @Test("each visible resource with its Add link only where the user may add")
    func resourcesAndAddLinks() async throws {
        try await TestApp.test { client, database in
            var admin = try await Browser.signedInAdmin(client, database)
            let page = try await admin.get(AdminURL.index.path)
            #expect(page.status == .ok)
            for slug in ["users", "training-groups", "training-sessions", "athletes"] {
                #expect(page.text.contains(#"href="\#(AdminURL.changeList(slug))""#), "\(slug)")
                #expect(page.text.contains(#"href="\#(AdminURL.addForm(slug))""#), "\(slug)")
            }
            #expect(page.text.contains(">Add user</a>"))
            #expect(page.text.contains("You have not changed anything here yet."))

            try await TestUsers.create("coach@example.org", role: .coach, in: database)
            var coach = Browser(client)
            try await coach.signIn("coach@example.org")
            let coachPage = try await coach.get(AdminURL.index.path).text
            #expect(coachPage.contains(#"href="\#(AdminURL.changeList("training-sessions"))""#))
            #expect(!coachPage.contains(#"href="\#(AdminURL.addForm("training-sessions"))""#))
            #expect(!coachPage.contains(#"href="\#(AdminURL.changeList("users"))""#) && !coachPage.contains(AdminURL.addForm("users")))
        }
    }

    @Test("recent actions on several resources: each object linked while it exists, whatever its resource")
    func recentActionsAcrossResources() async throws {
        try await TestApp.test { client, database in
            var admin = try await Browser.signedInAdmin(client, database)
            let adminID: Int = try await database.value("SELECT id::int FROM users WHERE email = 'admin@example.org'")
            let hall: Int = try await database.value("INSERT INTO rooms (name) VALUES ('Hall A') RETURNING id::int")
            let studio: Int = try await database.value("INSERT INTO rooms (name) VALUES ('Studio B') RETURNING id::int")
            let coach = try await TestUsers.create("coach.kept@example.org", role: .coach, in: database)
            try await database.run("DELETE FROM rooms WHERE id = $1", [studio])
            for (type, id, label) in [("rooms", hall, "Hall A"), ("rooms", studio, "Studio B"), ("users", coach, "coach.kept@example.org")] {
                try await database.run(
                    "INSERT INTO audit_records (actor_id, action, object_type, object_id, object_label) VALUES ($1, 'change', $2, $3, $4)",
                    [adminID, type, String(id), label]
                )
            }
            let page = try await admin.get(AdminURL.index.path).text
            let recent = String(page[page.range(of: "Your recent actions")!.upperBound...])
            #expect(recent.contains(#"<a href="\#(AdminURL.changeForm("rooms", String(hall)))">Hall A</a>"#))
            #expect(recent.contains(#"<a href="\#(AdminURL.changeForm("users", String(coach)))">coach.kept@example.org</a>"#))
            #expect(recent.contains("<span>Studio B</span>") && !recent.contains(AdminURL.changeForm("rooms", String(studio))))
        }
    }

    @Test("the user's own recent adds and changes, newest first, linked while the object exists; not others' nor sign-ins")
    func recentActions() async throws {
        try await TestApp.test { client, database in
            var admin = try await Browser.signedInAdmin(client, database)
            _ = try await admin.get(AdminURL.addForm("users"))
            #expect(try await admin.post(AdminURL.addForm("users"), AdminFormTests.addForm(email: "kept@example.org", name: "Kept Coach")).status == .seeOther)
            #expect(try await admin.post(AdminURL.addForm("users"), AdminFormTests.addForm(email: "gone@example.org", name: "Gone Coach")).status == .seeOther)
            let kept: Int = try await database.value("SELECT id::int FROM users WHERE email = 'kept@example.org'")
            let gone: Int = try await database.value("SELECT id::int FROM users WHERE email = 'gone@example.org'")
            try await database.run("DELETE FROM users WHERE id = $1", [gone])
            // Someone else's change is not the admin's recent action.
            var other = Browser(client)
            try await TestUsers.create("other@example.org", role: .admin, in: database)
            try await other.signIn("other@example.org")
            _ = try await other.get(AdminURL.addForm("users"))
            #expect(try await other.post(AdminURL.addForm("users"), AdminFormTests.addForm(email: "theirs@example.org", name: "Their Coach")).status == .seeOther)

            let page = try await admin.get(AdminURL.index.path).text
            let recent = String(page[page.range(of: "Your recent actions")!.upperBound...])
            #expect(recent.contains(#"<a href="\#(AdminURL.changeForm("users", String(kept)))">kept@example.org</a>"#))
            #expect(recent.contains("<span>gone@example.org</span>") && !recent.contains(AdminURL.changeForm("users", String(gone))), "a deleted object is named, not linked")
            #expect(!recent.contains("Their Coach") && !recent.contains("theirs@example.org"))
            #expect(!recent.contains("Signed in"))
            // Newest first.
            let goneAt = try #require(recent.range(of: "gone@example.org")).lowerBound
            let keptAt = try #require(recent.range(of: "kept@example.org")).lowerBound
            #expect(goneAt < keptAt)
            #expect(recent.contains(">Added</span>") && recent.contains("Users ·"))

            // In Russian.
            try await database.run("UPDATE users SET language = 'ru' WHERE email = 'admin@example.org'")
            let russian = try await admin.get(AdminURL.index.path).text
            #expect(russian.contains("Ваши последние действия") && russian.contains(">Добавление</span>"))
        }
    }
}
