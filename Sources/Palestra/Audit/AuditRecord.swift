import Foundation

/// A stored audit record, as history pages read it.
struct AuditRecord: Sendable {
    let occurredAt: Date
    let actorLabel: String?
    let action: String
    let changes: [FieldChange]
    let address: String?
}
