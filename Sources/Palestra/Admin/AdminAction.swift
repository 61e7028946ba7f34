/// A bulk action of a change list, applied to the selected rows (or all rows matching the filters).
public struct AdminAction: Sendable {
    public enum Operation: Sendable {
        /// Sets one form field to a value (as the form would post it) on every selected row, audited
        /// per row like a change through the form; rows already holding it are left alone.
        case setField(String, to: String)
        /// Deletes the selected rows (always confirmed first).
        case delete
    }

    public let name: String
    /// An English catalog key.
    public let label: String
    public let operation: Operation
    /// Show a confirmation page listing the rows before anything changes.
    public let needsConfirmation: Bool

    public init(_ name: String, label: String, operation: Operation, needsConfirmation: Bool = false) {
        self.name = name
        self.label = label
        self.operation = operation
        if case .delete = operation {
            self.needsConfirmation = true
        } else {
            self.needsConfirmation = needsConfirmation
        }
    }

    var requiredPermission: AdminPermission {
        if case .delete = operation { return .delete }
        return .change
    }

    static let deleteSelected = AdminAction("delete", label: "Delete selected", operation: .delete)
}
