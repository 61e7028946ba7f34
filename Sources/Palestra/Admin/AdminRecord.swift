/// One object as its change form shows it: id, label, version and each non-secret field's value as
/// text (`nil` for NULL), in the form inputs' own formats; its inline rows; and why it (or one of its
/// inlines) cannot be changed, if it cannot.
struct AdminRecord: Sendable, Equatable {
    let id: Int
    let label: String
    let version: Int
    let values: [String: String?]
    /// The rows of each inline, by the inline's name (loaded for forms, not for lists or bulk actions).
    var inlines: [String: [AdminInlineRecord]] = [:]
    /// The resource's `readOnlyCondition` holds for this row: its message (a catalog key).
    var readOnlyReason: String? = nil
    /// The bulk actions every read-only rule that holds for this row still allows (``AdminReadOnlyRule/allowing``).
    var readOnlyAllowing: Set<String> = []
    /// Inlines whose `readOnlyCondition` holds for this row: name → message (a catalog key).
    var readOnlyInlines: [String: String] = [:]
    /// The resource's actions with a `condition` that this row meets (read with the row, so an object's
    /// page knows which of its buttons apply without another query).
    var meetsConditionOf: Set<String> = []
}
