/// The change (or add) form page's view model.
struct AdminFormView: Sendable {
    struct Link: Sendable {
        let label: String
        let url: String
    }

    let title: String
    let listURL: String
    let listLabel: String
    let actionURL: String
    let isAdding: Bool
    let isReadOnly: Bool
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let version: String
    let fields: [AdminFormFieldView]
    /// Each message of the summary on top, linking to its field.
    let errorSummary: [Link]
    let hasErrors: Bool
    let conflictMessage: String
    let hasConflict: Bool
    let historyURL: String
    let deleteURL: String
    let canDelete: Bool
    let links: [Link]
    let hasLinks: Bool
    let canAddAnother: Bool
    /// A file field is editable: the form posts `multipart/form-data`.
    let hasFiles: Bool
}
