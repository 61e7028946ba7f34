/// Which rows of a resource a user sees. Rows outside it answer 404, as if they did not exist.
public enum AdminScope: Sendable {
    case all
    case none
    /// A condition on the resource's table (trusted SQL from a declaration; `{user}` stands for the
    /// signed-in user's id, bound as a parameter).
    case rows(String)
}
