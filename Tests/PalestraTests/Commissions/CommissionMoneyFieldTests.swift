import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The base amount typed as money: a decimal in the entry's currency, stored as integer minor units.
@Suite("Commission entries: money fields")
struct CommissionMoneyFieldTests {
    @Test("amounts typed with either decimal mark and grouped by spaces are stored in minor units and shown as decimals")
    func typedAndShown() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var mira = Browser(client)
            try await mira.signIn("mira@example.org")
            let typed: [(deal: String, base: String, currency: String, minor: Int)] = [
                ("Dot", "1234.56", "RUB", 123_456), ("Comma", "1 234,5", "EUR", 123_450), ("No-break", "12\u{00A0}000", "USD", 1_200_000),
                ("Yen", "1 234", "JPY", 1234),
            ]
            for entry in typed {
                _ = try await mira.get("/admin/commission-entries/add")
                let saved = try await mira.post("/admin/commission-entries/add",
                    CommissionEntriesAdminTests.form(member: scene.mira, deal: entry.deal, base: entry.base, rate: "1000", currency: entry.currency))
                #expect(saved.status == .seeOther, "\(entry.deal)")
                let stored: Int = try await database.value("SELECT base_minor::int FROM commission_entries WHERE deal = $1", [entry.deal])
                #expect(stored == entry.minor, "\(entry.deal)")
            }
            // 1,234.56 × 10 % = 123.456 → 123.46; yen: 1,234 × 10 % = 123.4 → 123
            let commissions: String = try await database.value(
                "SELECT string_agg(commission_minor::text, ',' ORDER BY id) FROM commission_entries WHERE deal IN ('Dot', 'Yen')"
            )
            #expect(commissions == "12346,123")
            // The change form shows the stored amount as the decimal typed, in the reader's decimal mark
            let dot: Int = try await database.value("SELECT id::int FROM commission_entries WHERE deal = 'Dot'")
            let yen: Int = try await database.value("SELECT id::int FROM commission_entries WHERE deal = 'Yen'")
            let english = try await mira.get("/admin/commission-entries/\(dot)/")
            #expect(english.text.contains(#"name="base_minor" value="1234.56" inputmode="decimal""#))
            #expect(english.text.contains("123.46\u{00A0}RUB") || english.text.contains("123.46&#xA0;RUB") || english.text.contains("123.46&nbsp;RUB"))
            #expect(try await mira.get("/admin/commission-entries/\(yen)/").text.contains(#"name="base_minor" value="1234""#))
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [scene.mira])
            let russian = try await mira.get("/admin/commission-entries/\(dot)/")
            #expect(russian.text.contains(#"name="base_minor" value="1234,56""#))
            // Saved again unchanged from the Russian form, the amount stays the same
            let version: Int = try await database.value("SELECT version FROM commission_entries WHERE id = $1", [dot])
            let resaved = try await mira.post("/admin/commission-entries/\(dot)/",
                CommissionEntriesAdminTests.form(member: scene.mira, deal: "Dot", base: "1234,56", rate: "1000") + [("version", String(version))])
            #expect(resaved.status == .seeOther)
            #expect(try await database.value("SELECT base_minor::int FROM commission_entries WHERE id = $1", [dot]) as Int == 123_456)
        }
    }

    @Test("more decimals than the currency has, letters, overflow: a message beside the field, the input as typed, nothing saved")
    func refused() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var mira = Browser(client)
            try await mira.signIn("mira@example.org")
            let before: Int = try await database.value("SELECT count(*)::int FROM commission_entries")
            let cases: [(base: String, currency: String, message: String)] = [
                ("12.345", "RUB", "At most 2 digits after the decimal mark in RUB."),
                ("1 234,5", "JPY", "Amounts in JPY have no decimal places."),
                ("12 rub", "RUB", "Enter an amount in figures, like 1234.56."),
                ("1e5", "USD", "Enter an amount in figures, like 1234.56."),
                ("99999999999999999999", "RUB", "Enter an amount from -1,000,000,000,000.00 to 1,000,000,000,000.00 RUB."),
            ]
            for entry in cases {
                _ = try await mira.get("/admin/commission-entries/add")
                let response = try await mira.post("/admin/commission-entries/add",
                    CommissionEntriesAdminTests.form(member: scene.mira, base: entry.base, currency: entry.currency))
                #expect(response.status == .unprocessableContent, "\(entry.base)")
                #expect(response.text.contains(#"<p class="field__error" id="field-base_minor-error">"# + entry.message), "\(entry.base)")
                #expect(response.text.contains(#"name="base_minor" value="\#(entry.base)""#), "\(entry.base)")
            }
            // In Russian, the message and its example in Russian terms
            try await database.run("UPDATE users SET language = 'ru' WHERE id = $1", [scene.mira])
            _ = try await mira.get("/admin/commission-entries/add")
            let russian = try await mira.post("/admin/commission-entries/add", CommissionEntriesAdminTests.form(member: scene.mira, base: "сто"))
            #expect(russian.text.contains("Введите сумму цифрами, например 1234,56."))
            #expect(try await database.value("SELECT count(*)::int FROM commission_entries") as Int == before)
        }
    }
}
