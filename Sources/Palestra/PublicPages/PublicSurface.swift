import Hummingbird
import Postgres

/// Public pages: no sign-in, forms guarded by the visitor's CSRF token (``VisitorCSRFMiddleware``),
/// HTML error pages (the router's), and per-address rate limits where a route asks for them
/// (``RateLimitMiddleware``).
public struct PublicSurface: Sendable {
    let signer: VisitorTokenSigner
    let secureCookie: Bool
    /// The counters for the surface's routes' rate limits.
    public let rateLimits: RateLimitStore

    public init(database: PostgresClient, secureCookie: Bool) {
        self.signer = VisitorTokenSigner(secrets: SiteSecretStore(database: database))
        self.secureCookie = secureCookie
        self.rateLimits = RateLimitStore(database: database)
    }

    /// Loads the site's secret now, so the first public request does not wait for it.
    public func prepare() async throws {
        try await signer.load()
    }

    /// Adds the public group (no path prefix) and returns it for routes. Middleware added to the
    /// returned group (a rate limit) applies to routes added after it.
    public func addGroup(to router: Router<AppRequestContext>) -> RouterGroup<PublicRequestContext> {
        router.group()
            .add(middleware: VisitorCSRFMiddleware(signer: signer, secureCookie: secureCookie))
            .group(context: PublicRequestContext.self)
    }
}
