import Postgres

/// One team's commissions over a period: a line per member and currency (a member of the team during the
/// period without entries has one empty line), the team's totals per currency (never added across
/// currencies), and the previous period's totals to compare. Every total is the sum of the stored,
/// rounded entry commissions, so the page, the CSV and the email say the same numbers.
struct CommissionReport: Sendable, Equatable {
    struct Sums: Sendable, Equatable {
        var deals = 0
        var base = 0
        var commission = 0
        var pending = 0
        var approved = 0
        var paid = 0

        static func + (lhs: Sums, rhs: Sums) -> Sums {
            Sums(
                deals: lhs.deals + rhs.deals, base: lhs.base + rhs.base, commission: lhs.commission + rhs.commission,
                pending: lhs.pending + rhs.pending, approved: lhs.approved + rhs.approved, paid: lhs.paid + rhs.paid
            )
        }
    }

    struct Line: Sendable, Equatable {
        let memberID: Int
        let memberName: String
        /// `nil`: a member without entries in the period.
        let currency: String?
        let sums: Sums
    }

    let managerID: Int
    let managerName: String
    let managerEmail: String
    let period: CommissionPeriod
    let lines: [Line]
    /// Per currency, by code.
    let previousTotals: [String: Sums]
    /// A digest of the entries the report is made of (their ids, versions and statuses).
    let fingerprint: String

    /// The team's totals per currency, currencies in code order: sums of the lines.
    var totals: [(currency: String, sums: Sums)] {
        var byCurrency: [String: Sums] = [:]
        for line in lines { if let currency = line.currency { byCurrency[currency, default: Sums()] = byCurrency[currency, default: Sums()] + line.sums } }
        return byCurrency.keys.sorted().map { ($0, byCurrency[$0] ?? Sums()) }
    }

    var isEmpty: Bool { lines.allSatisfy { $0.currency == nil } }
}
