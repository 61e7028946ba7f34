/// A saved add or change, for `afterSave`.
public struct AdminSaveEvent: Sendable {
    public let objectID: String
    public let isNew: Bool
    public let changes: [FieldChange]
    public let actor: User
}
