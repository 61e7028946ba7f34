import Hummingbird

/// What rendering a page needs from a request's context, signed in or not.
public protocol PageRequestContext: RequestContext {
    var language: Language { get }
    var bodyLimit: Int { get }
    var session: BrowserSession? { get }
    var clientAddress: String { get }
}
