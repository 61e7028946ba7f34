/// A column the engine fills itself, in the same statement, whenever a field's value changes: who marked
/// an attendance record and when — on the form, the change list and in bulk actions alike. Adding a
/// record with the field set stamps it too.
public struct AdminStamp: Sendable {
    public enum Value: Sendable {
        /// The id of the user saving
        case actor
        /// The transaction's time
        case now
    }

    /// The field (by name) whose change stamps
    public let field: String
    public let column: String
    public let value: Value

    public init(when field: String, set column: String, to value: Value) {
        self.field = field
        self.column = column
        self.value = value
    }
}
