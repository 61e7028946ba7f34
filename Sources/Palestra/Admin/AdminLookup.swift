/// Where a foreign key's choices come from: `SELECT <value>, <label> FROM <table> [WHERE …] ORDER BY <label>`.
/// Names are trusted SQL from a declaration.
public struct AdminLookup: Sendable {
    public let table: String
    public let valueColumn: String
    public let labelExpression: String
    public let condition: String?
    /// Which of the rows a user is offered as a change list's filter (e.g. a coach: their own groups), as
    /// a resource's scope is written; a form's choices are not narrowed, so stored values keep their labels.
    public let filterScope: @Sendable (User) -> AdminScope

    public init(
        table: String, valueColumn: String = "id", labelExpression: String, condition: String? = nil,
        filterScope: @escaping @Sendable (User) -> AdminScope = { _ in .all }
    ) {
        self.table = table
        self.valueColumn = valueColumn
        self.labelExpression = labelExpression
        self.condition = condition
        self.filterScope = filterScope
    }
}
