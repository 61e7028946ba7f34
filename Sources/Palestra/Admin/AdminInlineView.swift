/// An inline's section of a change form, ready for the template: a table with one row per child row
/// (its inputs, or its values when read-only), blank rows for adding, and a "remove" box per stored row.
struct AdminInlineView: Sendable {
    struct Header: Sendable {
        let label: String
        let isRequired: Bool
    }

    struct Row: Sendable {
        /// The row's anchor, for the error summary's link.
        let anchor: String
        /// "Row 2", for the inputs' hidden labels.
        let number: String
        let idName: String
        let idValue: String
        let hasID: Bool
        let removeName: String
        let removeID: String
        let isRemoved: Bool
        let canRemove: Bool
        let cells: [AdminFormFieldView]
        /// A message about the row as a whole (e.g. another object's row).
        let message: String
        let hasMessage: Bool
        let hasError: Bool
    }

    let label: String
    let headingID: String
    let headers: [Header]
    let rows: [Row]
    let hasRows: Bool
    let isReadOnly: Bool
    let readOnlyMessage: String
    let hasReadOnlyMessage: Bool
    let countName: String
    let countValue: String
    let emptyText: String
    let removeLabel: String
}
