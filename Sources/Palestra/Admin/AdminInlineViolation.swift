/// A posted inline row broke one of the inline's declared constraints: the transaction rolled back and
/// the form shows `message` (a catalog key) beside the row's `field`.
struct AdminInlineViolation: Error {
    let inline: String
    /// The row's index in the posted names.
    let index: Int
    let field: String
    let message: String
}
