/// The public debate pages: an event's page and its forms, a registration's private link page and a
/// waiting-list offer's page (the secrets are 43-character tokens in the path).
public enum DebateURL: SiteRoute {
    case event(RouteParameter<String>)
    case choose(RouteParameter<String>)
    case confirm(RouteParameter<String>)
    case waitlist(RouteParameter<String>)
    case registration(RouteParameter<String>)
    case switchCase(RouteParameter<String>)
    case cancel(RouteParameter<String>)
    case offer(RouteParameter<String>)
    case acceptOffer(RouteParameter<String>)
    case declineOffer(RouteParameter<String>)

    public var path: String {
        switch self {
        case .event(let slug): "/debates/\(slug.segment("slug"))"
        case .choose(let slug): Self.event(slug).path + "/choose"
        case .confirm(let slug): Self.event(slug).path + "/confirm"
        case .waitlist(let slug): Self.event(slug).path + "/waitlist"
        case .registration(let token): "/debate-links/\(token.segment("token"))"
        case .switchCase(let token): Self.registration(token).path + "/switch"
        case .cancel(let token): Self.registration(token).path + "/cancel"
        case .offer(let token): "/debate-offers/\(token.segment("token"))"
        case .acceptOffer(let token): Self.offer(token).path + "/accept"
        case .declineOffer(let token): Self.offer(token).path + "/decline"
        }
    }

    public static func event(_ slug: String) -> String { event(.value(slug)).path }
    public static func registration(_ token: String) -> String { registration(.value(token)).path }
    public static func offer(_ token: String) -> String { offer(.value(token)).path }
}
