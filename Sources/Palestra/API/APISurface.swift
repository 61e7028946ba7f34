import Hummingbird

/// The JSON API under `/api/`: bearer tokens (``BearerTokenMiddleware``, ``APIRequestContext``), errors
/// as `application/problem+json` (``APIProblemMiddleware``), no cookies, no sessions and no form CSRF
/// (a token is not sent by a browser on its own, so a forged cross-site request carries none).
public struct APISurface: Sendable {
    /// Every API path starts with it.
    public static let pathPrefix = "/api"
    let tokens: APITokenStore

    init(tokens: APITokenStore) {
        self.tokens = tokens
    }

    /// Whether a request path belongs to the API (and so answers in its format, even when no route takes it).
    public static func owns(_ path: String) -> Bool {
        path == pathPrefix || path.hasPrefix(pathPrefix + "/")
    }

    /// Adds the API's group (problem documents, bearer tokens) and returns it for routes, whose full paths
    /// (``APIURL``) start with ``pathPrefix``. Middleware added to the returned group (a rate limit) applies
    /// to routes added after it.
    public func addGroup(to router: Router<AppRequestContext>) -> RouterGroup<APIRequestContext> {
        // The token check and the context's own refusal both throw inside the problem middleware.
        router.group()
            .add(middleware: APIProblemMiddleware())
            .add(middleware: BearerTokenMiddleware(tokens: tokens))
            .group(context: APIRequestContext.self)
    }
}
