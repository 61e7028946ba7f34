import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Teams in the admin engine: a manager and dated memberships, each bad input refused beside its field;
/// a manager sees their own team only.
@Suite("Teams admin")
struct TeamsAdminTests {
    static func fields(name: String = "East", manager: Int, memberships: [(member: Int, joined: String, left: String)] = []) -> [(String, String)] {
        var fields = [("name", name), ("manager_id", String(manager)), ("memberships-rows", String(memberships.count))]
        for (index, row) in memberships.enumerated() {
            fields += [("memberships-\(index)-id", ""), ("memberships-\(index)-member_id", String(row.member)),
                       ("memberships-\(index)-joined_on", row.joined), ("memberships-\(index)-left_on", row.left)]
        }
        return fields + [("_save", "1")]
    }

    @Test("a team with members is saved; an empty name, a manager who leads a team, a member already in a team and a backwards date are refused")
    func addAndBadInput() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            let carla = try await TestUsers.create("carla@example.org", role: .manager, name: "Carla Manager", in: database)
            let ivan = try await TestUsers.create("ivan@example.org", role: .coach, name: "Ivan Member", in: database)
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let before: Int = try await database.value("SELECT count(*)::int FROM teams")
            let cases: [([(String, String)], String)] = [
                (Self.fields(name: "", manager: carla), "This field is required."),
                (Self.fields(name: String(repeating: "x", count: 201), manager: carla), "200"),
                (Self.fields(manager: scene.anna), "This manager already leads a team."),
                (Self.fields(manager: carla, memberships: [(scene.mira, "2026-10-01", "")]), "The member is in a team for some of these dates already."),
                (Self.fields(manager: carla, memberships: [(ivan, "2026-10-01", "2026-09-01")]), "The leaving date cannot be before the joining date."),
                (Self.fields(manager: carla, memberships: [(ivan, "2026-02-30", "")]), "id=\"field-memberships-0-joined_on-error\""),
            ]
            for (form, message) in cases {
                _ = try await admin.get("/admin/teams/add")
                let response = try await admin.post("/admin/teams/add", form)
                #expect(response.status == .unprocessableContent, "\(message)")
                #expect(response.text.contains(message), "\(message)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM teams") as Int == before)
            _ = try await admin.get("/admin/teams/add")
            let saved = try await admin.post("/admin/teams/add", Self.fields(manager: carla, memberships: [(ivan, "2026-10-01", "")]))
            #expect(saved.status == .seeOther)
            #expect(try await database.value("SELECT count(*)::int FROM team_memberships WHERE member_id = $1", [ivan]) as Int == 1)
            // Ivan's entries now belong to Carla's team from the date he joined
            try await CommissionFixture.entry(database, member: ivan, date: "2026-10-02", deal: "Ivan's", base: 100, rate: 100)
            #expect(try await database.value("SELECT manager_id::int FROM commission_entries WHERE deal = 'Ivan''s'") as Int == carla)

            var anna = Browser(client)
            try await anna.signIn("anna@example.org")
            let list = try await anna.get("/admin/teams/")
            #expect(list.text.contains("North") && !list.text.contains("South"))
            #expect(try await anna.get("/admin/teams/\(scene.borisTeam)/").status == .notFound)
            #expect(try await anna.get("/admin/teams/add").status == .forbidden)
        }
    }
}

/// The commissions' menu entries lead somewhere for whoever sees them.
@Suite("Commissions menu")
struct CommissionsMenuTests {
    @Test("administrators, managers and members of a team see commission entries in the menu; others do not")
    func menuByRole() async throws {
        try await TestApp.test { client, database in
            _ = try await CommissionFixture.make(database)
            _ = try await TestUsers.create("nobody@example.org", role: .student, name: "Nora Nobody", in: database)
            _ = try await TestUsers.create("coach@example.org", role: .coach, name: "Carl Coach", in: database)
            let entries = #"href="/admin/commission-entries/""#, teams = #"href="/admin/teams/""#, report = #"href="/reports/commissions""#
            let expected: [(email: String, entries: Bool, teams: Bool, report: Bool)] = [
                ("admin@example.org", true, true, true), ("anna@example.org", true, true, true),
                ("mira@example.org", true, false, false), ("sofia@example.org", true, false, false),
                ("nobody@example.org", false, false, false), ("coach@example.org", false, false, false),
            ]
            for user in expected {
                var browser = Browser(client)
                try await browser.signIn(user.email)
                for page in ["/notifications", "/admin/"] {
                    let response = try await browser.get(page)
                    // (Nora can view no admin resource now: the admin index refuses her)
                    #expect(response.status == .ok || (page == "/admin/" && user.email == "nobody@example.org"), "\(user.email) \(page)")
                    let text = response.text
                    #expect(text.contains(entries) == user.entries, "\(user.email) \(page)")
                    #expect(text.contains(teams) == user.teams, "\(user.email) \(page)")
                    if page == "/notifications" { #expect(text.contains(report) == user.report, "\(user.email)") }
                }
            }
        }
    }
}
