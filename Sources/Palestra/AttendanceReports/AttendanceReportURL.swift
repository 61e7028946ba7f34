/// Attendance reports: per group for a month, one group's month per athlete, one group's register grid,
/// one athlete over a year.
public enum AttendanceReportURL: SiteRoute {
    /// Attendance per group for a month (`?month=YYYY-MM`), or one group's per athlete (`&group=<id>`);
    /// `&format=csv` for the same as CSV.
    case groups
    /// One group's register for a month (`?month=YYYY-MM`): athletes × sessions, each cell a mark;
    /// `&format=csv` for the same as CSV.
    case register(RouteParameter<Int>)
    /// One athlete's attendance over the twelve months up to `?month=`, and that month's sessions.
    case athlete(RouteParameter<Int>)

    public var path: String {
        switch self {
        case .groups: "/reports/attendance"
        case .register(let id): "/reports/attendance/groups/\(id.segment("id"))/register"
        case .athlete(let id): "/reports/attendance/athletes/\(id.segment("id"))"
        }
    }

    public static func groups(month: String, group: Int?, format: String? = nil) -> String {
        Self.groups.path + queryString([("month", month), ("group", group.map(String.init)), ("format", format)])
    }

    public static func register(_ group: Int, month: String, format: String? = nil) -> String {
        register(.value(group)).path + queryString([("month", month), ("format", format)])
    }

    public static func athlete(_ id: Int, month: String, format: String? = nil) -> String {
        athlete(.value(id)).path + queryString([("month", month), ("format", format)])
    }
}
