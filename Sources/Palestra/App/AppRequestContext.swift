import Hummingbird
import Logging

/// The context every request carries through Palestra's middleware and handlers.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The interface language chosen for this request (see ``LanguageMiddleware``).
    public var language: Language
    /// The largest body a handler reads, in bytes (set from the configuration by ``RequestGuardMiddleware``).
    public var bodyLimit: Int

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.language = .en
        self.bodyLimit = 2 * 1024 * 1024
    }
}
