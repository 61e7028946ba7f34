/// Attendance reports: per group for a month, one group's month per athlete, one athlete over a year.
public enum AttendanceReportURL: SiteRoute {
    /// Attendance per group for a month (`?month=YYYY-MM`), or one group's per athlete (`&group=<id>`);
    /// `&format=csv` for the same as CSV.
    case groups
    /// One athlete's attendance over the twelve months up to `?month=`.
    case athlete(RouteParameter<Int>)

    public var path: String {
        switch self {
        case .groups: "/reports/attendance"
        case .athlete(let id): "/reports/attendance/athletes/\(id.segment("id"))"
        }
    }

    public static func groups(month: String, group: Int?, format: String? = nil) -> String {
        Self.groups.path + queryString([("month", month), ("group", group.map(String.init)), ("format", format)])
    }

    public static func athlete(_ id: Int, month: String, format: String? = nil) -> String {
        athlete(.value(id)).path + queryString([("month", month), ("format", format)])
    }
}
