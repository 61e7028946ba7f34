/// The site's URLs, used both to declare routes and to build links.
public enum SiteURL {
    public static let dashboard = "/"
    public static let health = "/healthz"
    public static let staticFiles = "/static"
    public static let login = "/login"
    public static let logout = "/logout"
    public static let account = "/account"
    public static let accountPassword = "/account/password"
    public static let admin = "/admin"
    /// The job queue at a glance: counts, periodic jobs, workers (admins).
    public static let jobsOverview = "/admin/jobs-overview"
    /// Prometheus metrics (admins, or requests from this machine).
    public static let metrics = "/metrics"
    /// The signed-in user's inbox; `?p=2` for its second page.
    public static let notifications = "/notifications"
    public static let notificationsReadAll = "/notifications/read-all"

    /// `/notifications/<id>/read`, marking one notification read.
    public static func notificationRead(_ id: Int) -> String { "/notifications/\(id)/read" }
    /// The inbox's page `page` (the first without a query).
    public static func notificationsPage(_ page: Int) -> String { page > 1 ? "\(notifications)?p=\(page)" : notifications }

    /// Attendance per group for a month (`?month=YYYY-MM`), or one group's per athlete (`&group=<id>`);
    /// `&format=csv` for the same as CSV.
    public static let attendanceReport = "/reports/attendance"

    public static func attendanceReport(month: String, group: Int?, format: String? = nil) -> String {
        "\(attendanceReport)?month=\(month)" + (group.map { "&group=\($0)" } ?? "") + (format.map { "&format=\($0)" } ?? "")
    }

    /// One athlete's attendance over the twelve months up to `month`.
    public static func athleteAttendance(_ id: Int, month: String, format: String? = nil) -> String {
        "\(attendanceReport)/athletes/\(id)?month=\(month)" + (format.map { "&format=\($0)" } ?? "")
    }

    /// The signed-in coach's sessions (today, the next 7 days, unmarked past ones); every group's for admins.
    public static let coach = "/coach"
    /// `/coach/sessions/<id>`, a session's attendance journal.
    public static func journal(_ session: Int) -> String { "/coach/sessions/\(session)" }
    public static func journalClose(_ session: Int) -> String { journal(session) + "/close" }
    public static func journalReopen(_ session: Int) -> String { journal(session) + "/reopen" }

    /// Uploaded files: `/media/<slug>/<32 hex>.<ext>` (signed-in users).
    public static let mediaFiles = "/media"

    /// The URL of a stored upload (`athletes/<hex>.png`).
    public static func media(_ relative: String) -> String { "\(mediaFiles)/\(relative)" }

    /// `/admin/<slug>/`, a resource's change list.
    public static func changeList(_ slug: String) -> String { "/admin/\(slug)/" }
    /// `/admin/<slug>/add`.
    public static func addForm(_ slug: String) -> String { "/admin/\(slug)/add" }
    /// `/admin/<slug>/<id>/`, an object's change form.
    public static func changeForm(_ slug: String, _ id: String) -> String { "/admin/\(slug)/\(queryEscaped(id))/" }
    public static func history(_ slug: String, _ id: String) -> String { changeForm(slug, id) + "history" }
    public static func delete(_ slug: String, _ id: String) -> String { changeForm(slug, id) + "delete" }
    public static func actions(_ slug: String) -> String { "/admin/\(slug)/actions" }
    /// The change list's Save of its list-editable fields.
    public static func listEdit(_ slug: String) -> String { "/admin/\(slug)/edit" }

    /// Percent-encodes everything but unreserved characters (RFC 3986), for a query value or path segment.
    public static func queryEscaped(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                output += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return output
    }
}
