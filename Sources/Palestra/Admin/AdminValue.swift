/// A validated form value about to be written: text (cast by the field's kind in SQL), a list
/// (multi-select), or NULL.
enum AdminValue: Sendable, Equatable {
    case text(String)
    case list([String])
    case null

    /// As a resource's `validate` sees it: a list joined with commas, NULL as "".
    var plainText: String {
        switch self {
        case .text(let text): text
        case .list(let items): items.joined(separator: ",")
        case .null: ""
        }
    }
}
