import Mustache

/// One filter in a change list's side panel: links for each choice, or a date range form.
struct AdminFilterView: Sendable {
    struct Choice: Sendable {
        let label: String
        /// The filter's value for this choice (empty for "All").
        let value: String
        let url: String
        let isSelected: Bool
    }

    /// Beyond this many choices a filter is a select in a small form, not a list of links.
    static let linkLimit = 12

    let label: String
    let name: String
    let choices: [Choice]
    let isDate: Bool
    let fromName: String
    let fromValue: String
    let toName: String
    let toValue: String
    /// `date`, or `text` when the typed value is no date (a date input may hold only a real date).
    let fromType: String
    let toType: String
    let rangeError: String
    let hasRangeError: Bool
    /// A value in the address that is none of the filter's choices (an old bookmark, a typo): the list
    /// is not filtered by it, and says so beside the filter.
    let valueError: String
    let hasValueError: Bool
    /// The rest of the list's state, kept by the range form.
    let rangeHidden: [AdminListView.Hidden]
    let fromID: String
    let toID: String
    /// The change list's URL, where the range (or select) form goes.
    let rangeAction: String
    let usesSelect: Bool
    let selectID: String
}

extension AdminFilterView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("name", \.name), .list("choices", \.choices), .bool("isDate", \.isDate),
        .text("fromName", \.fromName), .text("fromValue", \.fromValue), .text("toName", \.toName), .text("toValue", \.toValue),
        .text("fromType", \.fromType), .text("toType", \.toType),
        .text("rangeError", \.rangeError), .bool("hasRangeError", \.hasRangeError), .text("valueError", \.valueError),
        .bool("hasValueError", \.hasValueError), .list("rangeHidden", \.rangeHidden), .text("fromID", \.fromID),
        .text("toID", \.toID), .text("rangeAction", \.rangeAction), .bool("usesSelect", \.usesSelect),
        .text("selectID", \.selectID),
    ])
}

extension AdminFilterView.Choice: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("value", \.value), .text("url", \.url), .bool("isSelected", \.isSelected),
    ])
}
