/// The commission report and its email.
public enum CommissionReportURL: SiteRoute {
    /// A team's commissions over `?period=` (`&manager=<id>` for an administrator; `&format=csv` as CSV).
    case report
    /// POST: email the report to its manager (`period`, `manager`, `again`).
    case email

    public var path: String {
        switch self {
        case .report: "/reports/commissions"
        case .email: "/reports/commissions/email"
        }
    }

    public static func report(period: String, manager: Int?, format: String? = nil) -> String {
        Self.report.path + queryString([("period", period), ("manager", manager.map(String.init)), ("format", format)])
    }

    /// A member's entries behind a line of the report: the entries list filtered by member, manager, dates and currency.
    static func entries(member: Int, manager: Int, period: CommissionPeriod, currency: String?) -> String {
        AdminURL.changeList(CommissionEntriesAdmin.resource.slug) + queryString([
            ("member", String(member)), ("manager", String(manager)), ("entry_date_from", period.first.description),
            ("entry_date_to", period.last.description), ("currency", currency),
        ])
    }
}
