/// One stored row of an inline: its id, label and each field's value as its input holds it (`nil` for NULL).
struct AdminInlineRecord: Sendable, Equatable {
    let id: Int
    let label: String
    let values: [String: String?]
}
