/// One thing that happened, about to be written to `audit_records`.
public struct AuditEntry: Sendable {
    public var actor: User?
    public var action: AuditAction
    public var objectType: String?
    public var objectID: String?
    public var objectLabel: String?
    public var changes: [FieldChange]
    public var address: String?

    public init(
        actor: User?, action: AuditAction, objectType: String? = nil, objectID: String? = nil,
        objectLabel: String? = nil, changes: [FieldChange] = [], address: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.objectType = objectType
        self.objectID = objectID
        self.objectLabel = objectLabel
        self.changes = changes
        self.address = address
    }
}
