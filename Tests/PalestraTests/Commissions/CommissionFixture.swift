@testable import Palestra
import Postgres
import TestSupport

/// Two teams for October 2026. Anna Manager leads Mira and Pavel; Boris Manager leads Sofia. Pavel
/// moves to Boris's team on 16 October. Entries, with half-kopeck cases (rounded per entry):
/// - Mira, RUB: three deals of 1.25 at 1 % (0.0125 → 0.01 each), one of 0.50 at 1 % (0.005 → 0.01, half up),
///   one of 1,000.00 at 10 % approved (100.00): commission 100.04, pending 0.04.
/// - Mira, EUR: one deal of 200.00 at 5 % paid (10.00).
/// - Pavel, RUB: 150.00 at 3.33 % on 10 October (4.995 → 5.00) for Anna's team; 300.00 at 10 % on 20 October for Boris's.
/// - Sofia, RUB: 80.00 at 10 % (8.00).
/// - September: Mira 500.00 at 10 % RUB (50.00): the previous period.
struct CommissionFixture {
    let admin: Int
    let anna: Int
    let boris: Int
    let mira: Int
    let pavel: Int
    let sofia: Int
    let annaTeam: Int
    let borisTeam: Int
    /// Mira's approved 1,000.00 deal.
    let approvedEntry: Int
    /// Sofia's pending deal.
    let sofiaEntry: Int

    @discardableResult
    static func entry(
        _ database: TestDatabase, member: Int, date: String, deal: String, base: Int, rate: Int, currency: String = "RUB",
        status: String = "pending"
    ) async throws -> Int {
        let id: Int = try await database.value(
            """
            INSERT INTO commission_entries (member_id, entry_date, deal, base_minor, rate_bp, currency)
            VALUES ($1, $2::date, $3, $4, $5, $6) RETURNING id::int
            """,
            [member, date, deal, base, rate, currency]
        )
        if status != "pending" { try await database.run("UPDATE commission_entries SET status = 'approved' WHERE id = $1", [id]) }
        if status == "paid" { try await database.run("UPDATE commission_entries SET status = 'paid' WHERE id = $1", [id]) }
        return id
    }

    static func make(_ database: TestDatabase) async throws -> CommissionFixture {
        let admin = try await TestUsers.create("admin@example.org", role: .admin, name: "Ada Admin", in: database)
        let anna = try await TestUsers.create("anna@example.org", role: .manager, name: "Anna Manager", in: database)
        let boris = try await TestUsers.create("boris@example.org", role: .manager, name: "Boris Manager", in: database)
        let mira = try await TestUsers.create("mira@example.org", role: .coach, name: "Mira Member", in: database)
        let pavel = try await TestUsers.create("pavel@example.org", role: .coach, name: "Pavel Member", in: database)
        let sofia = try await TestUsers.create("sofia@example.org", role: .student, name: "Sofia Member", in: database)
        let annaTeam: Int = try await database.value("INSERT INTO teams (name, manager_id) VALUES ('North', $1) RETURNING id::int", [anna])
        let borisTeam: Int = try await database.value("INSERT INTO teams (name, manager_id) VALUES ('South', $1) RETURNING id::int", [boris])
        try await database.run(
            """
            INSERT INTO team_memberships (team_id, member_id, joined_on, left_on) VALUES
                ($1, $3, '2026-01-01', NULL), ($1, $4, '2026-01-01', '2026-10-15'), ($2, $4, '2026-10-16', NULL), ($2, $5, '2026-01-01', NULL)
            """,
            [annaTeam, borisTeam, mira, pavel, sofia]
        )
        for day in ["01", "02", "03"] { try await entry(database, member: mira, date: "2026-10-\(day)", deal: "Small \(day)", base: 125, rate: 100) }
        try await entry(database, member: mira, date: "2026-10-04", deal: "Half", base: 50, rate: 100)
        let approved = try await entry(database, member: mira, date: "2026-10-05", deal: "Big", base: 100_000, rate: 1000, status: "approved")
        try await entry(database, member: mira, date: "2026-10-06", deal: "Berlin", base: 20_000, rate: 500, currency: "EUR", status: "paid")
        try await entry(database, member: pavel, date: "2026-10-10", deal: "Before the move", base: 15_000, rate: 333)
        try await entry(database, member: pavel, date: "2026-10-20", deal: "After the move", base: 30_000, rate: 1000)
        let sofiaEntry = try await entry(database, member: sofia, date: "2026-10-07", deal: "Sofia's deal", base: 8_000, rate: 1000)
        try await entry(database, member: mira, date: "2026-09-15", deal: "September", base: 50_000, rate: 1000, status: "approved")
        return CommissionFixture(
            admin: admin, anna: anna, boris: boris, mira: mira, pavel: pavel, sofia: sofia, annaTeam: annaTeam, borisTeam: borisTeam,
            approvedEntry: approved, sofiaEntry: sofiaEntry
        )
    }
}
