/// One object as its change form shows it: id, label, version and each non-secret field's value as
/// text (`nil` for NULL), in the form inputs' own formats.
struct AdminRecord: Sendable, Equatable {
    let id: Int
    let label: String
    let version: Int
    let values: [String: String?]
}
