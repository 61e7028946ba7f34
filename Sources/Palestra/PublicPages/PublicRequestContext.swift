import Hummingbird

/// The context of every public page (no sign-in). It cannot be made without the visitor's form token,
/// so a page renders `context.csrfToken` without checking, and a handler that runs after a POST knows
/// the token was checked (``VisitorCSRFMiddleware``).
///
/// A child of ``AppRequestContext`` rather than the parent plus a middleware: the token is computed
/// (the site's secret is loaded asynchronously) by a middleware before the child is made, and the
/// child's non-optional fields are what keep a handler from rendering a form without one.
public struct PublicRequestContext: ChildRequestContext, PageRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let language: Language
    public let bodyLimit: Int
    /// The peer's IP address, or the configured proxy header's value (per-address rate limits).
    public let clientAddress: String
    public let visitor: Visitor
    /// A signed-in person may open a public page too; the page does not depend on it.
    public let session: BrowserSession?
    /// The `csrf_token` value the page's forms carry.
    public var csrfToken: String { visitor.csrfToken }

    public init(context: AppRequestContext) throws {
        guard let visitor = context.visitor else {
            // Only a route added outside ``PublicSurface/addGroup(to:)`` could get here.
            throw AppError.forbidden
        }
        self.coreContext = context.coreContext
        self.language = context.language
        self.bodyLimit = context.bodyLimit
        self.clientAddress = context.clientAddress
        self.visitor = visitor
        self.session = context.session
    }
}
