/// What a role may do with a resource's objects.
public enum AdminPermission: String, Sendable, CaseIterable {
    case view, add, change, delete
}
