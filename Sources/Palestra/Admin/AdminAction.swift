/// A bulk action of a change list, applied to the selected rows (or all rows matching the filters).
/// Every operation changes data, so every action is confirmed first: the confirmation page lists each
/// row with what will change for it, and the rows left alone with why; only the confirmed POST changes anything.
public struct AdminAction: Sendable {
    public enum Operation: Sendable {
        /// Sets one form field to a value (as the form would post it) on every selected row, audited
        /// per row like a change through the form; rows already holding it are left alone.
        case setField(String, to: String)
        /// Deletes the selected rows.
        case delete
        /// Runs the resource's own procedure on the selected rows, in one transaction, audited per changed row.
        case perform(AdminProcedure)
    }

    public let name: String
    /// An English catalog key.
    public let label: String
    public let operation: Operation
    /// Form fields shown beside each row on the confirmation page, unchanged by the action (e.g. the note
    /// beside a status the action overwrites), so the person sees what stays.
    public let showing: [String]
    /// Said on the confirmation page above the button (a catalog key), e.g. who can undo the action.
    public let note: String?
    /// A condition on a row (trusted SQL) the action needs, and why a row without it is left alone (a
    /// catalog key): only a held session is closed. Checked for the page and again under the rows' locks.
    public let condition: (sql: String, message: String)?
    /// When set (a catalog key, e.g. "Retry this job"), the action is also a button on an object's page,
    /// shown where it applies to that object.
    public let objectLabel: String?
    /// The roles offered the action (beyond the permission its operation needs), `nil` for every role that
    /// has that permission: a coach may change sessions but is not offered closing them in bulk.
    public let roles: Set<Role>?

    public init(
        _ name: String, label: String, operation: Operation, showing: [String] = [], note: String? = nil,
        condition: (sql: String, message: String)? = nil, objectLabel: String? = nil, roles: Set<Role>? = nil
    ) {
        self.condition = condition
        self.name = name
        self.label = label
        self.operation = operation
        self.showing = showing
        self.note = note
        self.objectLabel = objectLabel
        self.roles = roles
    }

    var requiredPermission: AdminPermission {
        if case .delete = operation { return .delete }
        return .change
    }

    /// What the resource's `refusal` is asked about, per row.
    var rowOperation: AdminRowOperation {
        switch operation {
        case .delete: .delete
        case .setField(let field, let value): .setField(field, to: value)
        case .perform: .perform(name)
        }
    }

    static let deleteSelected = AdminAction("delete", label: "Delete selected", operation: .delete)
}
