/// A checked API token and the (active) user it acts for.
public struct APICredential: Sendable, Equatable {
    public let tokenID: Int
    public let user: User
}
