import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The commission report as a manager and an administrator read it: totals per member and team summed
/// from the rounded entries, currencies apart, dated membership, the previous period, drill-down links,
/// the chart, the CSV, and who may see which team.
@Suite("Commission report")
struct CommissionReportTests {
    static let nbsp = "\u{00A0}"

    @Test("per member and team: totals are the sums of the entries rounded half up, each currency apart, beside the previous period")
    func totals() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var browser = Browser(client)
            try await browser.signIn("anna@example.org")
            let page = try await browser.get("/reports/commissions?period=2026-10")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("Commissions of Anna Manager&#39;s team, October 2026"))
            // Mira in RUB: 3 × 0.0125 → 0.01 each, 0.005 → 0.01 (half up), 100.00: 100.04, not 100.0425 rounded once (100.04) by luck —
            // the three small deals alone sum to 0.03 (0.0375 would round to 0.04)
            #expect(text.contains(">Mira Member</a>"))
            #expect(text.contains("1,004.25\(Self.nbsp)RUB") && text.contains("100.04\(Self.nbsp)RUB"))
            #expect(text.contains(#"<td data-label="Pending">0.04\#(Self.nbsp)RUB</td><td data-label="Approved">100.00\#(Self.nbsp)RUB</td>"#))
            // Mira in EUR: a line of its own, never added to roubles
            #expect(text.contains("10.00\(Self.nbsp)EUR"))
            // Pavel: only the deal before his move (4.995 → 5.00); the one after is Boris's team's
            #expect(text.contains("5.00\(Self.nbsp)RUB") && !text.contains("30.00\(Self.nbsp)RUB"))
            #expect(!text.contains("Sofia Member"))
            // Team totals per currency: 100.04 + 5.00 RUB; 10.00 EUR; September had 50.00 RUB
            #expect(text.contains("105.04\(Self.nbsp)RUB"))
            #expect(text.contains("+55.04\(Self.nbsp)RUB (+110.1 %)"))
            #expect(text.contains("+10.00\(Self.nbsp)EUR"))
            // The chart: a bar per member in each currency
            #expect(text.contains(#"<svg class="chart__svg""#) && text.contains("Commission per member, RUB") && text.contains("Commission per member, EUR"))
            // Drill-down: Mira's roubles are her entries in the list, filtered by member, manager, dates and currency
            #expect(text.contains(
                "/admin/commission-entries/?member=\(scene.mira)&amp;manager=\(scene.anna)&amp;entry_date_from=2026-10-01&amp;entry_date_to=2026-10-31&amp;currency=RUB"
            ))
            let drill = try await browser.get(
                "/admin/commission-entries/?member=\(scene.mira)&manager=\(scene.anna)&entry_date_from=2026-10-01&entry_date_to=2026-10-31&currency=RUB"
            )
            #expect(drill.status == .ok)
            for deal in ["Small 01", "Small 02", "Small 03", "Half", "Big"] { #expect(drill.text.contains(deal)) }
            #expect(!drill.text.contains("Berlin") && !drill.text.contains("September") && !drill.text.contains("Before the move"))

            // Boris's team in October: Sofia, and Pavel after his move
            var boris = Browser(client)
            try await boris.signIn("boris@example.org")
            let other = try await boris.get("/reports/commissions?period=2026-10")
            #expect(other.text.contains("30.00\(Self.nbsp)RUB") && other.text.contains("8.00\(Self.nbsp)RUB") && other.text.contains("38.00\(Self.nbsp)RUB"))
            #expect(!other.text.contains("Mira Member"))
        }
    }

    @Test("dated membership: a move after the entries leaves last quarter's report as it was")
    func datedMembership() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var browser = Browser(client)
            try await browser.signIn("anna@example.org")
            let before = try await browser.get("/reports/commissions?period=2026-Q4")
            #expect(before.text.contains("105.04\(Self.nbsp)RUB"))
            // Mira moves to Boris's team in December: her October entries stay Anna's
            try await database.run("UPDATE team_memberships SET left_on = '2026-11-30' WHERE member_id = $1", [scene.mira])
            try await database.run("INSERT INTO team_memberships (team_id, member_id, joined_on) VALUES ($1, $2, '2026-12-01')", [scene.borisTeam, scene.mira])
            let after = try await browser.get("/reports/commissions?period=2026-Q4")
            #expect(after.text.contains("105.04\(Self.nbsp)RUB") && after.text.contains(">Mira Member</a>"))
            // A quarter, a year and a range read too
            #expect(try await browser.get("/reports/commissions?period=2026").text.contains("155.04\(Self.nbsp)RUB"))
            #expect(try await browser.get("/reports/commissions?period=2026-10-01..2026-10-03").text.contains("0.03\(Self.nbsp)RUB"))
        }
    }

    @Test("a manager sees only their own team's report; another team's id answers 404; members get no report")
    func scoping() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            var anna = Browser(client)
            try await anna.signIn("anna@example.org")
            #expect(try await anna.get("/reports/commissions?period=2026-10&manager=\(scene.boris)").status == .notFound)
            #expect(try await anna.get("/reports/commissions?period=2026-10&manager=\(scene.boris)&format=csv").status == .notFound)
            #expect(try await anna.get("/reports/commissions?period=2026-10&manager=x").status == .notFound)
            #expect(try await anna.get("/reports/commissions?period=2026-10&manager=\(scene.anna)").status == .ok)
            var mira = Browser(client)
            try await mira.signIn("mira@example.org")
            #expect(try await mira.get("/reports/commissions?period=2026-10").status == .forbidden)
            // An administrator chooses any manager's team
            var admin = Browser(client)
            try await admin.signIn("admin@example.org")
            let page = try await admin.get("/reports/commissions?period=2026-10&manager=\(scene.boris)")
            #expect(page.status == .ok && page.text.contains("38.00\(Self.nbsp)RUB"))
            #expect(page.text.contains(#"<option value="\#(scene.boris)" selected>Boris Manager</option>"#))
        }
    }

    @Test("a period that does not read answers 422 with its message beside the field, and no CSV")
    func badPeriod() async throws {
        try await TestApp.test { client, database in
            _ = try await CommissionFixture.make(database)
            var browser = Browser(client)
            try await browser.signIn("anna@example.org")
            for bad in ["2026-13", "2026-Q5", "26", "2026-10-31..2026-10-01", "2000-01-01..2026-01-01", "<script>", String(repeating: "9", count: 40)] {
                let page = try await browser.get("/reports/commissions?period=" + SiteURL.queryEscaped(bad))
                #expect(page.status == .unprocessableContent, "\(bad)")
                #expect(page.text.contains("Enter a month (2026-10), a quarter (2026-Q4), a year (2026) or dates (2026-10-01..2026-10-15)."))
                #expect(!page.text.contains("<script>"))
                let csv = try await browser.get("/reports/commissions?format=csv&period=" + SiteURL.queryEscaped(bad))
                #expect(csv.headers[.contentType]?.hasPrefix("text/html") == true)
            }
        }
    }

    @Test("the CSV has the page's numbers per member and currency, the totals, and neutralised names; in Russian with ; and a comma")
    func csv() async throws {
        try await TestApp.test { client, database in
            let scene = try await CommissionFixture.make(database)
            try await database.run("UPDATE users SET display_name = '=HYPERLINK(\"http://x\")' WHERE id = $1", [scene.pavel])
            var browser = Browser(client)
            try await browser.signIn("anna@example.org")
            let csv = try await browser.get("/reports/commissions?period=2026-10&format=csv")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"commissions-manager-\(scene.anna)-2026-10.csv\"")
            #expect(csv.text.contains("Member,Currency,Deals,Base amount,Commission,Pending,Approved,Paid\r\n"))
            #expect(csv.text.contains("Mira Member,EUR,1,200.00,10.00,0.00,0.00,10.00\r\n"))
            #expect(csv.text.contains("Mira Member,RUB,5,1004.25,100.04,0.04,100.00,0.00\r\n"))
            #expect(csv.text.contains("\"'=HYPERLINK(\"\"http://x\"\")\",RUB,1,150.00,5.00,5.00,0.00,0.00\r\n"))
            #expect(csv.text.contains("Team total,RUB,6,1154.25,105.04,5.04,100.00,0.00\r\n"))
            #expect(csv.text.contains("Team total,EUR,1,200.00,10.00,0.00,0.00,10.00\r\n"))
            let russian = try await browser.get("/reports/commissions?period=2026-10&format=csv", headers: [.acceptLanguage: "ru"])
            // A comma is a cell break elsewhere: the decimal amounts are quoted, one cell each
            #expect(russian.text.contains("Mira Member;RUB;5;\"1004,25\";\"100,04\";\"0,04\";\"100,00\";\"0,00\"\r\n"))
        }
    }

    @Test("the page in Russian, and printable: the print stylesheet hides the menu and the forms")
    func russianAndPrint() async throws {
        try await TestApp.test { client, database in
            _ = try await CommissionFixture.make(database)
            var browser = Browser(client)
            try await browser.signIn("anna@example.org")
            let page = try await browser.get("/reports/commissions?period=2026-Q4", headers: [.acceptLanguage: "ru"])
            #expect(page.status == .ok)
            #expect(page.text.contains("105,04\(Self.nbsp)RUB") && page.text.contains("Итого по команде"))
            #expect(page.text.contains(#"class="form report-form no-print""#))
            let css = try String(contentsOfFile: Repository.publicFiles + "/css/app.css", encoding: .utf8)
            #expect(css.contains("@page { size: A4;") && css.contains(".site-header, .site-footer, .skip-link, .flashes, .no-print { display: none !important; }"))
        }
    }
}
