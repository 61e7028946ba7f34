/// The coach's pages: their sessions and each session's attendance journal.
public enum AttendanceURL: SiteRoute {
    /// The signed-in coach's sessions (today, the next 7 days, unmarked past ones); every group's for admins.
    case mySessions
    /// `/coach/sessions/<id>`, a training session's attendance journal.
    case journal(RouteParameter<Int>)
    case journalClose(RouteParameter<Int>)
    case journalReopen(RouteParameter<Int>)

    public var path: String {
        switch self {
        case .mySessions: "/coach"
        case .journal(let id): "/coach/sessions/\(id.segment("id"))"
        case .journalClose(let id): Self.journal(id).path + "/close"
        case .journalReopen(let id): Self.journal(id).path + "/reopen"
        }
    }

    public static func journal(_ session: Int) -> String { journal(.value(session)).path }
    public static func journalClose(_ session: Int) -> String { journalClose(.value(session)).path }
    public static func journalReopen(_ session: Int) -> String { journalReopen(.value(session)).path }
}
