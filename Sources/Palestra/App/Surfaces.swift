import Hummingbird

/// The route surfaces an area adds routes to, each a route group with its own middleware and error format.
struct Surfaces: Sendable {
    /// Signed-in pages: the browser session, CSRF on every form, HTML error pages; a request without a
    /// signed-in user is sent to the login page. Role policies go on sub-groups (``Routes/restricted(to:)``).
    let signedIn: Routes<SignedInContext>
    /// Pages of the browser session that need no sign-in (the login form, with its pre-login session's CSRF token).
    let session: Routes<AppRequestContext>
    /// Outside any session and CSRF: health checks.
    let bare: Routes<AppRequestContext>
    /// Public pages for people without an account: a visitor cookie and its signed CSRF token, HTML error
    /// pages, per-address rate limits where a route adds them (``RateLimitMiddleware``).
    let publicPages: Routes<PublicRequestContext>
    /// The JSON API under `/api/`: bearer tokens, `application/problem+json` errors, no cookies, no form CSRF.
    let api: Routes<APIRequestContext>
}
