import Hummingbird
import Postgres

/// The JSON API under `/api/`: bearer tokens (``BearerTokenMiddleware``, ``APIRequestContext``), errors
/// as `application/problem+json` (``APIProblemMiddleware``), no cookies, no sessions and no form CSRF
/// (a token is not sent by a browser on its own, so a forged cross-site request carries none).
public struct APISurface: Sendable {
    /// Every API path starts with it.
    public static let pathPrefix = "/api"
    let tokens: APITokenStore
    /// The API's endpoints, paths relative to ``pathPrefix``.
    static let endpoints = APIMeController.endpoints

    public init(database: PostgresClient) {
        self.tokens = APITokenStore(database: database)
    }

    /// Whether a request path belongs to the API (and so answers in its format).
    public static func owns(_ path: String) -> Bool {
        path == pathPrefix || path.hasPrefix(pathPrefix + "/")
    }

    /// The API's endpoints with their full paths: the 405 table of `/api/`.
    static var routes: RouteTable {
        RouteTable(endpoints: endpoints.map { Endpoint($0.method, pathPrefix + $0.path) })
    }

    /// Adds an `/api` group (problem documents, bearer tokens) and returns its authenticated part for
    /// routes (paths relative to `/api`, declared in ``endpoints`` for the 405 table). Middleware added
    /// to the returned group (a rate limit) applies to routes added after it.
    public func addGroup(to router: Router<AppRequestContext>) -> RouterGroup<APIRequestContext> {
        // The token check and the context's own refusal both throw inside the problem middleware.
        let api = router.group(RouterPath(Self.pathPrefix))
            .add(middleware: APIProblemMiddleware())
            .add(middleware: BearerTokenMiddleware(tokens: tokens))
        return api.group(context: APIRequestContext.self)
    }

    /// The middleware that answers `/api/` paths no route took (404, 405) as problem documents; the
    /// router adds it after its HTML error pages, so it sits inside them.
    static func unmatchedRouteMiddleware() -> APIUnmatchedRouteMiddleware {
        APIUnmatchedRouteMiddleware(routes: routes)
    }
}
