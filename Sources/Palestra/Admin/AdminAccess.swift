/// Who may do what with a resource's objects (Django's `has_…_permission` and `get_queryset`): the
/// permissions per role, which rows each user sees, which rows nobody may change, and refusals per row.
public struct AdminAccess: Sendable {
    public let permissions: [Role: Set<AdminPermission>]
    /// Which rows a user sees; the others answer 404.
    public let scope: @Sendable (User) -> AdminScope
    /// A condition on a row (trusted SQL) under which it cannot be changed or deleted by anyone, and
    /// why (a catalog key): its form is read-only with the message; saves, bulk actions and deletes refuse it.
    public let readOnlyCondition: (sql: String, message: String)?
    /// Refuses an operation on one row for this actor (e.g. deleting oneself): a message, or `nil`.
    public let refusal: @Sendable (AdminRowOperation, _ id: String, _ actor: User) -> String?

    public init(
        permissions: [Role: Set<AdminPermission>], scope: @escaping @Sendable (User) -> AdminScope = { _ in .all },
        readOnlyCondition: (sql: String, message: String)? = nil,
        refusal: @escaping @Sendable (AdminRowOperation, String, User) -> String? = { _, _, _ in nil }
    ) {
        self.permissions = permissions
        self.scope = scope
        self.readOnlyCondition = readOnlyCondition
        self.refusal = refusal
    }

    public func allows(_ permission: AdminPermission, for user: User) -> Bool {
        permissions[user.role]?.contains(permission) ?? false
    }
}
