/// One kind of object managed through the admin engine, declared once: its table and how its objects are
/// named, then four parts — the change list (``AdminListDeclaration``), the form
/// (``AdminFormDeclaration``), who may do what (``AdminAccess``) and what it adds to the engine
/// (``AdminHooks``). The engine turns it into a change list, change and add forms, a delete
/// confirmation, bulk actions, a history page and the resource's own object pages; ``AdminSite/check()``
/// checks it at start-up.
///
/// Names and expressions in a declaration are trusted SQL written by us; every value that comes from a
/// request is bound as a parameter.
public struct AdminResource: Sendable {
    /// The URL segment: `/admin/<slug>/`. Also the audit records' object type.
    public let slug: String
    /// English catalog keys: "user", "users".
    public let singularName: String
    public let pluralName: String
    public let table: String
    public let primaryKey: String
    /// The expression naming an object to people (flash messages, history, confirmations).
    public let labelExpression: String
    /// Optimistic concurrency: the table has `version integer` (and `updated_at`, set on change).
    public let isVersioned: Bool
    /// What goes with an object when it is deleted, listed on the confirmation page.
    public let dependents: [AdminDependent]
    public let list: AdminListDeclaration
    public let form: AdminFormDeclaration
    public let access: AdminAccess
    public let hooks: AdminHooks

    public init(
        slug: String, singularName: String, pluralName: String, table: String, primaryKey: String = "id",
        labelExpression: String, isVersioned: Bool = true, dependents: [AdminDependent] = [],
        list: AdminListDeclaration, form: AdminFormDeclaration, access: AdminAccess, hooks: AdminHooks = AdminHooks()
    ) {
        self.slug = slug
        self.singularName = singularName
        self.pluralName = pluralName
        self.table = table
        self.primaryKey = primaryKey
        self.labelExpression = labelExpression
        self.isVersioned = isVersioned
        self.dependents = dependents
        self.list = list
        self.form = form
        self.access = access
        self.hooks = hooks
    }

    public func allows(_ permission: AdminPermission, for user: User) -> Bool {
        access.allows(permission, for: user)
    }

    /// The bulk actions the user may run: the declared ones they have permission for (and their role is
    /// offered), then "delete selected".
    func availableActions(for user: User) -> [AdminAction] {
        var actions = list.actions.filter { allows($0.requiredPermission, for: user) && ($0.roles?.contains(user.role) ?? true) }
        if allows(.delete, for: user) { actions.append(.deleteSelected) }
        return actions
    }

    /// Whether the change form has anything to edit; without it the form is read-only for everyone.
    var hasEditableFields: Bool {
        form.fields.contains { $0.isEditable(adding: false) } || !form.inlines.isEmpty
    }

    /// The list-editable fields, in the declared order (``AdminSite/check()`` makes sure each is a field).
    var listEditableFields: [AdminField] {
        list.editable.compactMap(field(named:))
    }

    func field(named name: String) -> AdminField? {
        form.fields.first { $0.name == name }
    }

    func inline(named name: String) -> AdminInline? {
        form.inlines.first { $0.name == name }
    }
}
