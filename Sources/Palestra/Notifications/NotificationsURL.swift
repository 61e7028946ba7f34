/// The signed-in user's inbox.
public enum NotificationsURL: SiteRoute {
    /// `?p=2` for its second page.
    case inbox
    /// `/notifications/<id>/read`, marking one notification read.
    case read(RouteParameter<Int>)
    case readAll

    public var path: String {
        switch self {
        case .inbox: "/notifications"
        case .read(let id): "/notifications/\(id.segment("id"))/read"
        case .readAll: "/notifications/read-all"
        }
    }

    /// The inbox's page `page` (the first without a query).
    public static func inbox(page: Int) -> String { inbox.path + (page > 1 ? "?p=\(page)" : "") }
    public static func read(_ id: Int) -> String { read(.value(id)).path }
}
