import Hummingbird

/// A request context that knows the client's address: the contexts of every surface, so a rate limit
/// can sit on any group or route.
public protocol ClientAddressedContext: RequestContext {
    var clientAddress: String { get }
}

extension AppRequestContext: ClientAddressedContext {}
extension SignedInContext: ClientAddressedContext {}
extension APIRequestContext: ClientAddressedContext {}
extension PublicRequestContext: ClientAddressedContext {}
