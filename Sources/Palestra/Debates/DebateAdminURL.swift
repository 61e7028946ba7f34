/// The organisers' debate pages beside the admin engine's resources.
public enum DebateAdminURL: SiteRoute {
    /// Registered, capacity, free and waiting per case and per pool, with a chart.
    case statistics
    /// Every pool's counter compared with its rows; POST repairs (audited).
    case check
    /// `/debates-admin/export/<event id>`: the event's participants as CSV.
    case export(RouteParameter<Int>)

    public var path: String {
        switch self {
        case .statistics: "/debates-admin"
        case .check: "/debates-admin/check"
        case .export(let event): "/debates-admin/export/\(event.segment("event"))"
        }
    }

    public static func export(_ event: Int) -> String { export(.value(event)).path }
}
