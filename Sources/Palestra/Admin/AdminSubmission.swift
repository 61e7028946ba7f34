/// A submitted form, as the resource's `validate` sees it.
public struct AdminSubmission: Sendable {
    /// Submitted values of the editable fields, by field name (checkboxes: "true"/"false").
    public let values: [String: String]
    /// `nil` when adding.
    public let objectID: String?
    public let actor: User
}
