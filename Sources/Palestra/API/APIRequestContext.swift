import Hummingbird

/// The context of every authenticated API route. It cannot be made without a checked bearer token, so
/// handlers read `context.user` without checking for a missing one; a request without a token is
/// answered 401 (`WWW-Authenticate: Bearer`) before a handler runs.
public struct APIRequestContext: ChildRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let credential: APICredential
    /// The peer's IP address, or the configured proxy header's value (per-address rate limits).
    public let clientAddress: String
    public var user: User { credential.user }

    public init(context: AppRequestContext) throws {
        guard let credential = context.apiCredential else {
            throw APIProblem.unauthenticated(detail: "This endpoint needs an API token: send \"Authorization: Bearer <token>\".")
        }
        self.coreContext = context.coreContext
        self.credential = credential
        self.clientAddress = context.clientAddress
    }
}
