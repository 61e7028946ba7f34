/// A change-list column: its SQL expression (trusted, from a declaration), label, how it sorts and
/// how its cells are formatted. Secondary columns hide on narrow screens.
public struct AdminColumn: Sendable {
    public let name: String
    /// An English catalog key.
    public let label: String
    public let expression: String
    /// The expression to order by, or `nil` when the column does not sort.
    public let sortExpression: String?
    public let format: AdminCellFormat
    public let isSecondary: Bool

    public init(
        _ name: String, label: String, expression: String? = nil, sortable: Bool = true,
        format: AdminCellFormat = .text, secondary: Bool = false
    ) {
        self.name = name
        self.label = label
        self.expression = expression ?? name
        self.sortExpression = sortable ? (expression ?? name) : nil
        self.format = format
        self.isSecondary = secondary
    }
}
