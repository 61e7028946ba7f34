/// Who may do what with a resource's objects (Django's `has_…_permission` and `get_queryset`): the
/// permissions per role, which rows each user sees, which rows nobody may change, and refusals per row.
public struct AdminAccess: Sendable {
    public let permissions: [Role: Set<AdminPermission>]
    /// Which rows a user sees; the others answer 404.
    public let scope: @Sendable (User) -> AdminScope
    /// The conditions on a row under which it cannot be changed or deleted by anyone, each with why: its
    /// form is read-only with the first rule's message that holds; saves, bulk actions and deletes refuse it.
    public let readOnlyRules: [AdminReadOnlyRule]
    /// Refuses an operation on one row for this actor (e.g. deleting oneself): a message, or `nil`.
    public let refusal: @Sendable (AdminRowOperation, _ id: String, _ actor: User) -> String?
    /// Whether the menu and the admin index list the resource for a user who may view it: `false` where it
    /// would lead nowhere (e.g. commission entries for someone in no team).
    public let inMenu: @Sendable (User) -> Bool

    public init(
        permissions: [Role: Set<AdminPermission>], scope: @escaping @Sendable (User) -> AdminScope = { _ in .all },
        readOnlyCondition: (sql: String, message: String)? = nil, readOnlyRules: [AdminReadOnlyRule] = [],
        refusal: @escaping @Sendable (AdminRowOperation, String, User) -> String? = { _, _, _ in nil },
        inMenu: @escaping @Sendable (User) -> Bool = { _ in true }
    ) {
        self.inMenu = inMenu
        self.permissions = permissions
        self.scope = scope
        self.readOnlyRules = (readOnlyCondition.map { [AdminReadOnlyRule(sql: $0.sql, message: $0.message, reason: $0.message)] } ?? []) + readOnlyRules
        self.refusal = refusal
    }

    /// Any of the read-only rules, as one condition (its message the first rule's), `nil` without rules.
    public var readOnlyCondition: (sql: String, message: String)? {
        guard let first = readOnlyRules.first else { return nil }
        return (readOnlyRules.map { "(\($0.sql))" }.joined(separator: " OR "), first.message)
    }

    public func allows(_ permission: AdminPermission, for user: User) -> Bool {
        permissions[user.role]?.contains(permission) ?? false
    }
}
