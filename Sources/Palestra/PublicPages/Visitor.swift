/// An anonymous visitor of the public pages: the random value of their cookie and the form token
/// bound to it. Nothing about them is stored on the server.
public struct Visitor: Sendable, Equatable {
    /// The cookie's value (256 random bits, URL-safe Base64).
    public let cookie: String
    /// The `csrf_token` their forms carry: HMAC-SHA256 of the cookie under the site's secret.
    public let csrfToken: String
    /// The cookie was made for this request and must be set on its answer.
    let isNew: Bool

    public static let cookieName = "palestra_visitor"
}
