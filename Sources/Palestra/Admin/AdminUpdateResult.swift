/// How saving a change form ended.
enum AdminUpdateResult: Sendable {
    case saved(label: String, changes: [FieldChange])
    /// Someone else saved first: nothing changed; the record as it now is.
    case conflict(AdminRecord)
    /// The row (or an inline the submission changes) is read-only: nothing changed; the message (a catalog key).
    case readOnly(String)
    case notFound
}
