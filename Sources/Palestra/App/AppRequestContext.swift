import Hummingbird
import Logging

/// The context every request carries through Palestra's middleware and handlers.
public struct AppRequestContext: PageRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The interface language chosen for this request (see ``LanguageMiddleware``).
    public var language: Language
    /// The language the browser's `Accept-Language` asks for (else the configured default), whatever the
    /// user's own setting: what "the browser's language" means on the account page.
    public var browserLanguage: Language
    /// The largest body a handler reads, in bytes (set from the configuration by ``RequestGuardMiddleware``).
    public var bodyLimit: Int
    /// The browser's session, if its cookie named a live one (see ``BrowserSessionMiddleware``).
    public var session: BrowserSession?
    /// The peer's IP address, or the configured proxy header's value (see ``BrowserSessionMiddleware``).
    public var clientAddress: String
    /// The API token the request's `Authorization: Bearer` header named, with its user, once
    /// ``BearerTokenMiddleware`` has checked it; ``APIRequestContext`` cannot be made without it.
    public var apiCredential: APICredential?
    /// The anonymous visitor's cookie and form token on public pages (see ``VisitorCSRFMiddleware``);
    /// ``PublicRequestContext`` cannot be made without it.
    public var visitor: Visitor?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.language = .en
        self.browserLanguage = .en
        self.bodyLimit = 2 * 1024 * 1024
        self.session = nil
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        self.apiCredential = nil
        self.visitor = nil
    }
}
