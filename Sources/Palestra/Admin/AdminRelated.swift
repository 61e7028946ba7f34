/// A row of another table whose values a change list shows, read by key once the page's rows are chosen
/// (Django's `list_select_related`): `LEFT JOIN <table> AS <alias> ON <alias>.<column> = <list table>.<key>`,
/// one join for the page instead of a subquery per row and column. Columns read it as `<alias>.<name>`;
/// ordering, search and filters read the list's own table, which is paged before the join
/// (``AdminResource/declarationProblems()`` refuses a sortable column that reads a related row). The key
/// must name at most one row (a primary or unique key), and the list's own columns that a related table
/// also has must be qualified with the list's table name (the `EXPLAIN` tests find an ambiguous one).
public struct AdminRelated: Sendable {
    public let alias: String
    public let table: String
    /// The list table's column that holds the related row's key.
    public let key: String
    /// The related table's key column.
    public let column: String

    public init(_ alias: String, table: String, key: String, column: String = "id") {
        self.alias = alias
        self.table = table
        self.key = key
        self.column = column
    }

    /// The join, for the page's `FROM`.
    func join(to listTable: String) -> String {
        "LEFT JOIN \(table) AS \(alias) ON \(alias).\(column) = \(listTable).\(key)"
    }
}
