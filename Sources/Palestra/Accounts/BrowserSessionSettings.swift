/// How sessions behave: their lifetimes and the cookie that carries them.
public struct BrowserSessionSettings: Sendable, Equatable {
    /// A session unused this long ends (default 12 hours).
    public var idleTimeout: Duration
    /// A session ends this long after sign-in, whatever its activity (default 7 days).
    public var lifetime: Duration
    /// Mark the cookie `Secure` (the site is served over HTTPS).
    public var secureCookie: Bool

    public static let cookieName = "palestra_session"
    /// How long a pre-login session (one that only carries a CSRF token) lives.
    static let anonymousLifetime: Duration = .seconds(2 * 3600)
    /// `last_seen_at` is written at most this often, so reading a page does not always write.
    static let touchInterval: Duration = .seconds(60)

    public init(idleTimeout: Duration = .seconds(12 * 3600), lifetime: Duration = .seconds(7 * 24 * 3600), secureCookie: Bool = false) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
        self.secureCookie = secureCookie
    }
}

extension Duration {
    /// Whole seconds, for SQL intervals (`$n * interval '1 second'`).
    var wholeSeconds: Int { Int(components.seconds) }
}
