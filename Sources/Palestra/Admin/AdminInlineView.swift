import Mustache

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

extension AdminInlineView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("headingID", \.headingID), .list("headers", \.headers), .list("rows", \.rows),
        .bool("hasRows", \.hasRows), .bool("isReadOnly", \.isReadOnly), .text("readOnlyMessage", \.readOnlyMessage),
        .bool("hasReadOnlyMessage", \.hasReadOnlyMessage), .text("countName", \.countName), .text("countValue", \.countValue),
        .text("emptyText", \.emptyText), .text("removeLabel", \.removeLabel),
    ])
}

extension AdminInlineView.Header: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .bool("isRequired", \.isRequired),
    ])
}

extension AdminInlineView.Row: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("anchor", \.anchor), .text("number", \.number), .text("idName", \.idName), .text("idValue", \.idValue),
        .bool("hasID", \.hasID), .text("removeName", \.removeName), .text("removeID", \.removeID),
        .bool("isRemoved", \.isRemoved), .bool("canRemove", \.canRemove), .list("cells", \.cells), .text("message", \.message),
        .bool("hasMessage", \.hasMessage), .bool("hasError", \.hasError),
    ])
}
