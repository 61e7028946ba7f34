/// Rows of a child table edited on their parent's change form, like Django's `TabularInline`: one
/// table row per child, a few blank rows for adding, a "remove" checkbox on each existing one.
///
/// The form posts `<name>-rows` (how many rows it drew) and, per row `i`, `<name>-i-id` (empty for a
/// new row), `<name>-i-<field>` and `<name>-i-remove`. Each row is checked like a field; the rows are
/// saved in the parent's transaction (after its version check), each added, changed or removed row
/// audited, and the parent's `afterSave` sees a ``FieldChange`` named after the inline when any changed.
///
/// Names and expressions are trusted SQL written by us; every value from a request is bound.
public struct AdminInline: Sendable {
    /// The form's prefix, the parent's change name in `afterSave` and history, and part of the audit type.
    public let name: String
    /// An English catalog key: the section's heading ("Weekly schedule").
    public let label: String
    public let table: String
    /// The column holding the parent's primary key.
    public let foreignKey: String
    public let primaryKey: String
    /// Names one row to people (audit records, the parent's change summary).
    public let labelExpression: String
    /// The row's fields; `column`, `kind`, `required`, `default` mean what they mean on a form.
    public let fields: [AdminField]
    /// An `ORDER BY` list over the child table.
    public let ordering: String
    /// Blank rows offered for adding.
    public let extraRows: Int
    /// The most rows one submission may hold (beyond it the rest are not read).
    public let maximumRows: Int
    /// Unique, exclusion or check constraints of the child table → the row's field and the message (a catalog key).
    public let constraints: [String: (field: String, message: String)]
    /// Further checks of one row, given its submitted values by field name: field name → message (a catalog key).
    public let validate: @Sendable ([String: String]) -> [String: String]
    /// A condition on the parent's row (trusted SQL) under which the rows cannot be changed, and why (a catalog key).
    public let readOnlyCondition: (sql: String, message: String)?

    public init(
        _ name: String, label: String, table: String, foreignKey: String, primaryKey: String = "id",
        labelExpression: String, fields: [AdminField], ordering: String, extraRows: Int = 3, maximumRows: Int = 100,
        constraints: [String: (field: String, message: String)] = [:],
        validate: @escaping @Sendable ([String: String]) -> [String: String] = { _ in [:] },
        readOnlyCondition: (sql: String, message: String)? = nil
    ) {
        self.name = name
        self.label = label
        self.table = table
        self.foreignKey = foreignKey
        self.primaryKey = primaryKey
        self.labelExpression = labelExpression
        self.fields = fields
        self.ordering = ordering
        self.extraRows = extraRows
        self.maximumRows = maximumRows
        self.constraints = constraints
        self.validate = validate
        self.readOnlyCondition = readOnlyCondition
    }

    /// The posted name of row `index`'s `part` (a field name, `id` or `remove`).
    func inputName(_ index: Int, _ part: String) -> String {
        "\(name)-\(index)-\(part)"
    }

    var rowCountName: String { name + "-rows" }

    /// Audit records of the rows: `<parent slug>.<inline name>`.
    func auditType(parent: AdminResource) -> String {
        parent.slug + "." + name
    }
}
