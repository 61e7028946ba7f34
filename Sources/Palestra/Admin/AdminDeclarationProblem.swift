/// Something a resource's declaration names that does not resolve, or a placeholder its slot does not
/// allow: found by ``AdminSite/check()`` at start-up (which refuses to start) and in the tests.
public struct AdminDeclarationProblem: Sendable, Equatable, CustomStringConvertible {
    /// The resource's slug.
    public let resource: String
    /// What in the declaration, e.g. `listEditable “stauts”`.
    public let place: String
    public let message: String

    public var description: String {
        "admin resource “\(resource)”, \(place): \(message)"
    }
}
