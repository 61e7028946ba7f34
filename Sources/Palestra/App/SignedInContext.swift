import Hummingbird

/// The context of every route that needs a signed-in user. It cannot be made without one: a request
/// without a live session is turned away (to the login page) before a handler runs, so handlers read
/// `context.user` without checking for a missing user.
public struct SignedInContext: ChildRequestContext, PageRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let language: Language
    /// The browser's language, whatever the user's setting (``AppRequestContext/browserLanguage``).
    public let browserLanguage: Language
    public let bodyLimit: Int
    public let clientAddress: String
    public let user: User
    /// The signed-in session (non-optional here; `session` repeats it for ``PageRequestContext``).
    public let signedInSession: BrowserSession
    public var session: BrowserSession? { signedInSession }

    public init(context: AppRequestContext) throws {
        guard let session = context.session, let user = session.user else {
            throw AppError.signInRequired
        }
        self.coreContext = context.coreContext
        self.language = context.language
        self.browserLanguage = context.browserLanguage
        self.bodyLimit = context.bodyLimit
        self.clientAddress = context.clientAddress
        self.user = user
        self.signedInSession = session
    }
}
