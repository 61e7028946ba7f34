/// What a resource may refuse per row.
public enum AdminRowOperation: Sendable {
    case delete
    case setField(String, to: String)
    /// A resource's own procedure, by its action's name.
    case perform(String)
}
