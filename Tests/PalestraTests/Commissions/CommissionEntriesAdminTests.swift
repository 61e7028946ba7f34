import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// Commission entries through the admin engine: who sees and enters which, approval and payment in
/// bulk, the lock on approved entries, adjustments, and each field's bad input.
@Suite("Commission entries admin")
struct CommissionEntriesAdminTests {
    static func form(
        member: Int, date: String = "2026-10-12", deal: String = "New deal", base: String = "1 234,56", rate: String = "250",
        currency: String = "RUB", adjusts: String = "", reason: String = ""
    ) -> [(String, String)] {
        [
            ("member_id", String(member)), ("entry_date", date), ("deal", deal), ("note", ""), ("currency", currency),
            ("base_minor", base), ("rate_bp", rate), ("adjusts_id", adjusts), ("reason", reason),
        ]
    }

    static func count(_ database: TestDatabase) async throws -> Int {
        try await database.value("SELECT count(*)::int FROM commission_entries")
    }

    @Test("a member enters their own entry: the commission is computed and stored, the manager on the date set")
    func memberAddsOwn() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var mira = Browser(client)
            try await mira.signIn("mira@example.org")
            _ = try await mira.get("/admin/commission-entries/add")
            let saved = try await mira.post("/admin/commission-entries/add", Self.form(member: scene.mira, base: "1234.55", rate: "250"))
            #expect(saved.status == .seeOther)
            #expect(try await mira.follow(saved).text.contains("was added"))
            // 1,234.55 × 2.5 % = 30.86375 → 30.86
            let row: String = try await database.value(
                "SELECT commission_minor || '|' || manager_id || '|' || status FROM commission_entries WHERE deal = 'New deal'"
            )
            #expect(row == "3086|\(scene.anna)|pending")
            // Her list holds her entries only
            let list = try await mira.get("/admin/commission-entries/")
            #expect(list.text.contains("New deal") && list.text.contains("Big") && !list.text.contains("Sofia&#39;s deal") && !list.text.contains("Before the move"))
        }
    }

    @Test("someone else's entry answers 404 by its URL; a member cannot enter another's commission")
    func scoping() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var anna = Browser(client)
            try await anna.signIn("anna@example.org")
            #expect(try await anna.get("/admin/commission-entries/\(scene.sofiaEntry)/").status == .notFound)
            #expect(try await anna.get("/admin/commission-entries/\(scene.approvedEntry)/").status == .ok)
            let list = try await anna.get("/admin/commission-entries/")
            #expect(list.text.contains("Before the move") && !list.text.contains("After the move"))
            var sofia = Browser(client)
            try await sofia.signIn("sofia@example.org")
            #expect(try await sofia.get("/admin/commission-entries/\(scene.approvedEntry)/").status == .notFound)
            _ = try await sofia.get("/admin/commission-entries/add")
            let before = try await Self.count(database)
            let refused = try await sofia.post("/admin/commission-entries/add", Self.form(member: scene.mira))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("You can only enter your own commissions."))
            // A manager entering for someone outside their team: nothing saved
            _ = try await anna.get("/admin/commission-entries/add")
            let outside = try await anna.post("/admin/commission-entries/add", Self.form(member: scene.sofia))
            #expect(outside.status == .unprocessableContent)
            #expect(outside.text.contains("You may only save records within your own reach: nothing was saved."))
            #expect(try await Self.count(database) == before)
        }
    }

    @Test("each field's bad input answers beside the field and saves nothing")
    func badInput() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var mira = Browser(client)
            try await mira.signIn("mira@example.org")
            let before = try await Self.count(database)
            let cases: [([(String, String)], String)] = [
                (Self.form(member: scene.mira, deal: ""), "This field is required."),
                (Self.form(member: scene.mira, deal: String(repeating: "x", count: 201)), "200"),
                (Self.form(member: scene.mira, base: "abc"), "Enter an amount in figures, like 1234.56."),
                (Self.form(member: scene.mira, base: "0"), "Enter a base amount above zero; a negative one is an adjustment of another entry."),
                (Self.form(member: scene.mira, base: "-5"), "Enter a base amount above zero; a negative one is an adjustment of another entry."),
                (Self.form(member: scene.mira, rate: "10001"), "10"),
                (Self.form(member: scene.mira, date: "2026-02-30"), "date"),
                (Self.form(member: scene.mira, currency: "XXX"), "Choose one of the options offered."),
                (Self.form(member: scene.mira, base: "-5", adjusts: String(scene.approvedEntry)), "Say why the entry is corrected."),
                (Self.form(member: scene.mira, base: "0", adjusts: String(scene.approvedEntry), reason: "x"), "An adjustment changes the base: enter an amount other than zero."),
                (Self.form(member: scene.mira, base: "-5", adjusts: "999999", reason: "Typo"), "An adjustment corrects an approved or paid entry of the same member, in the same currency."),
            ]
            for (fields, message) in cases {
                _ = try await mira.get("/admin/commission-entries/add")
                let response = try await mira.post("/admin/commission-entries/add", fields)
                #expect(response.status == .unprocessableContent, "\(fields)")
                #expect(response.text.contains(message), "\(message)")
            }
            #expect(try await Self.count(database) == before)
        }
    }

    @Test("the manager approves in bulk; approved entries are locked; the administrator marks them paid; adjustments link to the original")
    func approvalAndAdjustment() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            let pending: [Int] = try await database.withClient { client in
                try await client.query("SELECT id::int FROM commission_entries WHERE manager_id = $1 AND status = 'pending' ORDER BY id", [scene.anna])
                    .map { try $0.decode(at: 0, as: Int.self) }
            }
            var anna = Browser(client)
            try await anna.signIn("anna@example.org")
            _ = try await anna.get("/admin/commission-entries/")
            // Sofia's entry (Boris's team) is among the selected: it is not Anna's to approve
            let approved = try await anna.post("/admin/commission-entries/actions",
                [("list_query", ""), ("action", "approve"), ("confirm", "yes")] + (pending + [scene.sofiaEntry, scene.approvedEntry]).map { ("selected", String($0)) })
            #expect(approved.status == .seeOther)
            let flash = try await anna.follow(approved).text
            #expect(flash.contains("“Approve selected entries”: \(pending.count) rows changed."))
            let statuses: String = try await database.value(
                "SELECT string_agg(DISTINCT status, ',') FROM commission_entries WHERE manager_id = $1 AND entry_date >= '2026-10-01'", [scene.anna]
            )
            #expect(statuses == "approved,paid")
            #expect(try await database.value("SELECT status FROM commission_entries WHERE id = $1", [scene.sofiaEntry]) as String == "pending")
            let stamp: Int = try await database.value("SELECT status_changed_by::int FROM commission_entries WHERE id = $1", [pending[0]])
            #expect(stamp == scene.anna)
            // Anna cannot mark paid: the action is not offered her
            let notOffered = try await anna.post("/admin/commission-entries/actions",
                [("list_query", ""), ("action", "mark_paid"), ("confirm", "yes"), ("selected", String(scene.approvedEntry))])
            #expect(notOffered.status != .seeOther)
            let stillApproved: String = try await database.value("SELECT status FROM commission_entries WHERE id = $1", [scene.approvedEntry])
            #expect(stillApproved == "approved")

            // The approved entry is locked: its form is read-only, a posted change refused
            var mira = Browser(client)
            try await mira.signIn("mira@example.org")
            let form = try await mira.get("/admin/commission-entries/\(scene.approvedEntry)/")
            #expect(form.text.contains("Approved and paid entries cannot be changed: add an adjustment entry instead."))
            let version: Int = try await database.value("SELECT version FROM commission_entries WHERE id = $1", [scene.approvedEntry])
            let refused = try await mira.post("/admin/commission-entries/\(scene.approvedEntry)/",
                Self.form(member: scene.mira, deal: "Changed") + [("version", String(version))])
            #expect(refused.status == .forbidden)
            #expect(try await database.value("SELECT deal FROM commission_entries WHERE id = $1", [scene.approvedEntry]) as String == "Big")

            // The correction: an adjustment of −100.00 linked to it, with a reason
            _ = try await mira.get("/admin/commission-entries/add")
            let adjusted = try await mira.post("/admin/commission-entries/add",
                Self.form(member: scene.mira, date: "2026-10-25", deal: "Big, corrected", base: "-100", rate: "1000", adjusts: String(scene.approvedEntry), reason: "Discount given"))
            #expect(adjusted.status == .seeOther)
            let adjustment: String = try await database.value(
                "SELECT commission_minor || '|' || adjusts_id || '|' || reason FROM commission_entries WHERE deal = 'Big, corrected'"
            )
            #expect(adjustment == "-1000|\(scene.approvedEntry)|Discount given")
            // An adjustment of a pending entry is refused beside its field
            let pendingOriginal: Int = try await database.value(
                "INSERT INTO commission_entries (member_id, entry_date, deal, base_minor, rate_bp) VALUES ($1, '2026-10-26', 'Fresh', 100, 100) RETURNING id::int", [scene.mira]
            )
            _ = try await mira.get("/admin/commission-entries/add")
            let wrong = try await mira.post("/admin/commission-entries/add",
                Self.form(member: scene.mira, base: "-1", adjusts: String(pendingOriginal), reason: "Why not"))
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.text.contains("An adjustment corrects an approved or paid entry of the same member, in the same currency."))

            // The administrator marks paid: approved rows change, a pending one is left alone with its reason
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            _ = try await admin.get("/admin/commission-entries/")
            let paid = try await admin.post("/admin/commission-entries/actions",
                [("list_query", ""), ("action", "mark_paid"), ("confirm", "yes"), ("selected", String(scene.approvedEntry)), ("selected", String(pendingOriginal))])
            #expect(paid.status == .seeOther)
            let paidFlash = try await admin.follow(paid).text
            #expect(paidFlash.contains("1 row changed") || paidFlash.contains("1 rows changed"))
            #expect(paidFlash.contains("Only an approved entry can be marked paid."))
            #expect(try await database.value("SELECT status FROM commission_entries WHERE id = $1", [scene.approvedEntry]) as String == "paid")
            #expect(try await database.value("SELECT status FROM commission_entries WHERE id = $1", [pendingOriginal]) as String == "pending")
        }
    }
}
