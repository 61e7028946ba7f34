/// Where a foreign key's choices come from: `SELECT <value>, <label> FROM <table> [WHERE …] ORDER BY <label>`.
/// Names are trusted SQL from a declaration.
public struct AdminLookup: Sendable {
    public let table: String
    public let valueColumn: String
    public let labelExpression: String
    public let condition: String?

    public init(table: String, valueColumn: String = "id", labelExpression: String, condition: String? = nil) {
        self.table = table
        self.valueColumn = valueColumn
        self.labelExpression = labelExpression
        self.condition = condition
    }
}
