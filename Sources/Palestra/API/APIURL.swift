/// The JSON API's endpoints, under `/api/v1/`.
public enum APIURL: SiteRoute {
    /// The token's user.
    case me

    public var path: String {
        switch self {
        case .me: APISurface.pathPrefix + "/v1/me"
        }
    }
}
