import Mustache

/// One field of a change form, ready for the template: which input to draw, its value, its options,
/// its message.
struct AdminFormFieldView: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    struct TableCell: Sendable {
        /// The column's label, shown beside the value when a phone stacks the table.
        let label: String
        let text: String
        /// An `.image` column: its picture (`hasImage`) or the empty placeholder.
        let isImage: Bool
        let hasImage: Bool
        let imageURL: String
        /// The picture's alt text: the column and, when the row names it, whose it is ("Photo: Anna Petrova").
        let imageAlt: String

        init(label: String, value: String?, format: AdminCellFormat, formatter: AdminCellFormatter, names: String? = nil) {
            self.label = label
            imageAlt = names.flatMap { $0.isEmpty ? nil : formatter.localizer.t("{field}: {name}", ["field": label, "name": $0]) } ?? label
            isImage = format.isImage
            hasImage = format.isImage && !(value ?? "").isEmpty
            imageURL = hasImage ? MediaURL.file(value ?? "") : ""
            text = format.isImage ? "" : formatter.format(value, as: format)
        }
    }

    struct TableRow: Sendable {
        let cells: [TableCell]
    }

    let name: String
    let id: String
    let label: String
    let help: String
    let hasHelp: Bool
    let error: String
    let hasError: Bool
    let isRequired: Bool
    /// `<input type=…>` for the plain inputs.
    let isInput: Bool
    let inputType: String
    /// `inputmode` for phones' keyboards (`decimal` for money).
    let inputMode: String
    let hasInputMode: Bool
    let value: String
    let hasValue: Bool
    let maxLength: String
    let hasMaxLength: Bool
    let minimum: String
    let maximum: String
    let hasRange: Bool
    let isTextarea: Bool
    let isSelect: Bool
    let isMultiple: Bool
    let options: [Option]
    let isCheckbox: Bool
    let isChecked: Bool
    let isPassword: Bool
    let isFile: Bool
    let accept: String
    /// A stored image of a file field, shown on the form.
    let hasImage: Bool
    let imageURL: String
    /// A stored file that may be removed (the field is not required): the "remove" checkbox's name (empty otherwise).
    let canClear: Bool
    let clearName: String
    /// The stored picture's alt text: the field and whose it is ("Photo: Anna Petrova"); empty without a picture.
    let imageAlt: String
    /// A new password's second input (empty for any other field).
    let confirmationName: String
    let confirmationID: String
    let isReadOnly: Bool
    let displayValue: String
    /// Read-only text shown as it is, line breaks and indentation kept (`.json`).
    let isPreformatted: Bool
    /// Read-only Markdown, rendered by cmark in safe mode (raw HTML and `javascript:` links neutralised).
    let isMarkdown: Bool
    let displayHTML: String
    /// Read-only rows of a `.table` field: column labels, formatted cells, and what shows when there are none (empty
    /// for any other field).
    let isTable: Bool
    let tableHeaders: [String]
    let tableRows: [TableRow]
    let hasTableRows: Bool
    let tableEmpty: String
    /// A read-only value shown as a plain paragraph (neither preformatted nor a table).
    let isPlainReadOnly: Bool
    /// After a conflict: what this user had typed, where it differs from the saved value.
    let yourValue: String
    let hasYourValue: Bool
    /// The `aria-describedby` ids: the help and the message.
    let describedBy: String
    let hasDescribedBy: Bool
}

extension AdminFormFieldView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("id", \.id), .text("label", \.label), .text("help", \.help), .bool("hasHelp", \.hasHelp),
        .text("error", \.error), .bool("hasError", \.hasError), .bool("isRequired", \.isRequired), .bool("isInput", \.isInput),
        .text("inputType", \.inputType), .text("inputMode", \.inputMode), .bool("hasInputMode", \.hasInputMode), .text("value", \.value), .bool("hasValue", \.hasValue), .text("maxLength", \.maxLength),
        .bool("hasMaxLength", \.hasMaxLength), .text("minimum", \.minimum), .text("maximum", \.maximum),
        .bool("hasRange", \.hasRange), .bool("isTextarea", \.isTextarea), .bool("isSelect", \.isSelect),
        .bool("isMultiple", \.isMultiple), .list("options", \.options), .bool("isCheckbox", \.isCheckbox),
        .bool("isChecked", \.isChecked), .bool("isPassword", \.isPassword), .bool("isFile", \.isFile), .text("accept", \.accept),
        .bool("hasImage", \.hasImage), .text("imageURL", \.imageURL), .bool("canClear", \.canClear),
        .text("clearName", \.clearName), .text("imageAlt", \.imageAlt), .text("confirmationName", \.confirmationName), .text("confirmationID", \.confirmationID),
        .bool("isReadOnly", \.isReadOnly), .text("displayValue", \.displayValue), .bool("isPreformatted", \.isPreformatted),
        .bool("isMarkdown", \.isMarkdown), .html("displayHTML", \.displayHTML),
        .bool("isTable", \.isTable), .list("tableHeaders", \.tableHeaders), .list("tableRows", \.tableRows),
        .bool("hasTableRows", \.hasTableRows), .text("tableEmpty", \.tableEmpty), .bool("isPlainReadOnly", \.isPlainReadOnly),
        .text("yourValue", \.yourValue), .bool("hasYourValue", \.hasYourValue), .text("describedBy", \.describedBy),
        .bool("hasDescribedBy", \.hasDescribedBy),
    ])
}

extension AdminFormFieldView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected),
    ])
}

extension AdminFormFieldView.TableRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("cells", \.cells),
    ])
}

extension AdminFormFieldView.TableCell: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("text", \.text), .bool("isImage", \.isImage), .bool("hasImage", \.hasImage),
        .text("imageURL", \.imageURL), .text("imageAlt", \.imageAlt),
    ])
}
