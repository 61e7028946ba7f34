import Postgres

/// The demo's commissions: two managers (who sign in with the coaches' password) with a team each — the
/// three coaches, and three more members — and a year of entries in roubles and euros: paid up to two
/// months ago, approved last month, pending this month, and one adjustment.
extension DemoSeed {
    struct CommissionEntry: Sendable {
        let member: Int
        let date: CalendarDate
        let deal: String
        let note: String
        let base: Int
        let rate: Int
        let currency: String
        let status: String
    }

    public static let managers = [
        (email: "manager.orlova@palestra.example", name: "Elena Orlova", team: "Membership sales"),
        (email: "manager.klein@palestra.example", name: "Jonas Klein", team: "Corporate clients"),
    ]

    static let sellers = [
        (email: "sales.sidorov@palestra.example", name: "Pavel Sidorov"),
        (email: "sales.vogel@palestra.example", name: "Lena Vogel"),
        (email: "sales.haddad@palestra.example", name: "Omar Haddad"),
    ]

    static let deals = ["Family membership", "Annual pass", "Summer camp", "Corporate fitness", "Swimming course", "Ten-visit card", "Birthday party"]

    /// Adds the teams and entries unless some team exists; `coachIDs` are the demo coaches.
    func loadCommissions(coachIDs: [Int], today: CalendarDate, output: @Sendable (String) -> Void) async throws {
        guard try await !CommissionSeedStore.hasTeams(on: database) else { return }
        var managerIDs: [Int] = []
        for manager in Self.managers { managerIDs.append(try await user(manager.email, name: manager.name, role: .manager)) }
        var sellerIDs: [Int] = []
        for seller in Self.sellers { sellerIDs.append(try await user(seller.email, name: seller.name, role: .coach)) }
        let yearAgo = CalendarDate(year: today.year - 1, month: today.month, day: 1) ?? today
        let thisMonth = today.firstOfMonth
        let lastMonth = thisMonth.adding(days: -1)?.firstOfMonth ?? thisMonth
        var random = SeededRandom(seed: 20261002)
        var entries: [CommissionEntry] = []
        for (index, member) in (coachIDs + sellerIDs).enumerated() {
            var day = yearAgo
            while day <= today {
                let euro = index >= coachIDs.count && random.next(below: 3) == 0
                let status = day >= thisMonth ? "pending" : day >= lastMonth ? "approved" : "paid"
                entries.append(CommissionEntry(
                    member: member, date: day, deal: Self.deals[random.next(below: Self.deals.count)],
                    note: random.next(below: 4) == 0 ? "Paid in **two instalments**." : "",
                    base: euro ? (200 + random.next(below: 1800)) * 100 : (5_000 + random.next(below: 95_000)) * 100 + random.next(below: 100),
                    rate: [250, 500, 750, 1000, 1250][random.next(below: 5)], currency: euro ? "EUR" : "RUB", status: status
                ))
                day = day.adding(days: 5 + random.next(below: 9)) ?? today
            }
        }
        try await database.transaction { connection in
            try await CommissionSeedStore.insertTeam(name: Self.managers[0].team, manager: managerIDs[0], members: coachIDs, joinedOn: yearAgo, on: connection)
            try await CommissionSeedStore.insertTeam(name: Self.managers[1].team, manager: managerIDs[1], members: sellerIDs, joinedOn: yearAgo, on: connection)
            let ids = try await CommissionSeedStore.insertEntries(entries, on: connection)
            if let paid = entries.firstIndex(where: { $0.status == "paid" && $0.currency == "RUB" }) {
                try await CommissionSeedStore.insertAdjustment(
                    of: ids[paid], base: -entries[paid].base / 10, reason: "Discount granted after the sale", date: today, on: connection
                )
            }
        }
        output("Commissions: 2 teams, \(entries.count + 1) entries over a year in RUB and EUR.")
        output("Managers (password \(Self.coachPassword)): " + Self.managers.map(\.email).joined(separator: ", "))
    }

    private func user(_ email: String, name: String, role: Role) async throws -> Int {
        if let existing = try await UserStore(database: database).credentials(email: email)?.user.id { return existing }
        return try await NewUser(email: email, displayName: name, role: role, password: Self.coachPassword).create(in: database, hasher: hasher)
    }
}
