/// A validated form value about to be written: text (cast by the field's kind in SQL), a list
/// (multi-select), or NULL.
enum AdminValue: Sendable, Equatable {
    case text(String)
    case list([String])
    case null
}
