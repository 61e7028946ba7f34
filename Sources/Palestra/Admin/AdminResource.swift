import Postgres

/// One kind of object managed through the admin engine, declared once: its table, change-list columns,
/// search fields, filters, ordering, bulk actions, form fields, who may do what, and which rows each
/// user sees. ``AdminController`` turns it into a change list, change and add forms, a delete
/// confirmation, bulk actions and a history page.
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
    public let columns: [AdminColumn]
    /// What `q` searches: each word must match one of them. An expression is compared with `ILIKE
    /// '%word%'`; one containing `{pattern}` is a whole condition with the pattern bound there (e.g.
    /// `athlete_id IN (SELECT id FROM athletes WHERE full_name ILIKE {pattern})`, which an index serves).
    public let searchExpressions: [String]
    public let filters: [AdminFilter]
    /// Column indexes (1-based, negative for descending), Django's `o` parameter.
    public let defaultOrdering: [Int]
    public let pageSize: Int
    public let actions: [AdminAction]
    public let fields: [AdminField]
    /// Fields edited on the change list itself (Django's `list_editable`), each shown in the column of the
    /// same name; one Save saves every row under its own version.
    public let listEditable: [String]
    /// Child rows edited on the change form (schedule slots of a group, memberships of an athlete).
    public let inlines: [AdminInline]
    /// Read-only tables shown on an object's change form.
    public let panels: [AdminPanel]
    /// A condition on a row (trusted SQL) under which it cannot be changed or deleted by anyone, and
    /// why (a catalog key): its form is read-only with the message; saves, bulk actions and deletes refuse it.
    public let readOnlyCondition: (sql: String, message: String)?
    public let permissions: [Role: Set<AdminPermission>]
    public let scope: @Sendable (User) -> AdminScope
    /// Optimistic concurrency: the table has `version integer` (and `updated_at`, set on change).
    public let isVersioned: Bool
    /// Unique constraints mapped to the field they concern and the message (a catalog key).
    public let uniqueConstraints: [String: (field: String, message: String)]
    public let dependents: [AdminDependent]
    /// Extra links on an object's form (`label` catalog key, path after `/admin/<slug>/<id>/`, or a site
    /// path starting with `/` where `{id}` stands for the object's id), shown to those who may change it.
    public let objectLinks: [(label: String, path: String)]
    /// Links beside the change list's heading (`label` catalog key, a site URL), e.g. to an overview page.
    public let listLinks: [(label: String, url: String)]
    /// Further checks of a submitted form: field name → message (a catalog key).
    public let validate: @Sendable (AdminSubmission) -> [String: String]
    /// Refuses an operation on one row for this actor (e.g. deleting oneself): a message, or `nil`.
    public let refusal: @Sendable (AdminRowOperation, _ id: String, _ actor: User) -> String?
    /// Columns set in the saving statement when a field changes (who marked, when).
    public let stamps: [AdminStamp]
    /// Runs inside the saving transaction after an add, change or bulk change.
    public let afterSave: @Sendable (AdminSaveEvent, PostgresConnection) async throws -> Void

    public init(
        slug: String, singularName: String, pluralName: String, table: String, primaryKey: String = "id",
        labelExpression: String, columns: [AdminColumn], searchExpressions: [String] = [],
        filters: [AdminFilter] = [], defaultOrdering: [Int] = [1], pageSize: Int = 50,
        actions: [AdminAction] = [], fields: [AdminField], listEditable: [String] = [], inlines: [AdminInline] = [], panels: [AdminPanel] = [],
        readOnlyCondition: (sql: String, message: String)? = nil, permissions: [Role: Set<AdminPermission>],
        scope: @escaping @Sendable (User) -> AdminScope = { _ in .all }, isVersioned: Bool = true,
        uniqueConstraints: [String: (field: String, message: String)] = [:], dependents: [AdminDependent] = [],
        objectLinks: [(label: String, path: String)] = [], listLinks: [(label: String, url: String)] = [],
        validate: @escaping @Sendable (AdminSubmission) -> [String: String] = { _ in [:] },
        refusal: @escaping @Sendable (AdminRowOperation, String, User) -> String? = { _, _, _ in nil },
        stamps: [AdminStamp] = [],
        afterSave: @escaping @Sendable (AdminSaveEvent, PostgresConnection) async throws -> Void = { _, _ in }
    ) {
        self.slug = slug
        self.singularName = singularName
        self.pluralName = pluralName
        self.table = table
        self.primaryKey = primaryKey
        self.labelExpression = labelExpression
        self.columns = columns
        self.searchExpressions = searchExpressions
        self.filters = filters
        self.defaultOrdering = defaultOrdering
        self.pageSize = pageSize
        self.actions = actions
        self.fields = fields
        self.listEditable = listEditable
        self.inlines = inlines
        self.panels = panels
        self.readOnlyCondition = readOnlyCondition
        self.permissions = permissions
        self.scope = scope
        self.isVersioned = isVersioned
        self.uniqueConstraints = uniqueConstraints
        self.dependents = dependents
        self.objectLinks = objectLinks
        self.listLinks = listLinks
        self.validate = validate
        self.refusal = refusal
        self.stamps = stamps
        self.afterSave = afterSave
    }

    public func allows(_ permission: AdminPermission, for user: User) -> Bool {
        permissions[user.role]?.contains(permission) ?? false
    }

    /// The bulk actions the user may run: the declared ones they have permission for (and their role is
    /// offered), then "delete selected".
    func availableActions(for user: User) -> [AdminAction] {
        var list = actions.filter { allows($0.requiredPermission, for: user) && ($0.roles?.contains(user.role) ?? true) }
        if allows(.delete, for: user) { list.append(.deleteSelected) }
        return list
    }

    /// Whether the change form has anything to edit; without it the form is read-only for everyone.
    var hasEditableFields: Bool {
        fields.contains { $0.isEditable(adding: false) } || !inlines.isEmpty
    }

    /// The list-editable fields, in the declared order.
    var listEditableFields: [AdminField] {
        listEditable.compactMap(field(named:))
    }

    func field(named name: String) -> AdminField? {
        fields.first { $0.name == name }
    }

    func inline(named name: String) -> AdminInline? {
        inlines.first { $0.name == name }
    }
}
