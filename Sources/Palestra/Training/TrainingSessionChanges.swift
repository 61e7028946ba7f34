/// What one generation, re-sync or cleanup did to the sessions: created, removed (deleted), cancelled
/// and kept (a session with attendance records no longer on the schedule), and updated (a slot's end
/// time or place changed).
public struct TrainingSessionChanges: Sendable, Equatable {
    public var created: [AffectedTrainingSession] = []
    public var removed: [AffectedTrainingSession] = []
    public var cancelled: [AffectedTrainingSession] = []
    public var updated: [AffectedTrainingSession] = []

    public init() {}

    /// The audit records' object type: the sessions' admin slug, so an object's history shows them.
    static let auditObjectType = "training-sessions"

    public var isEmpty: Bool {
        created.isEmpty && removed.isEmpty && cancelled.isEmpty && updated.isEmpty
    }

    public static func + (lhs: TrainingSessionChanges, rhs: TrainingSessionChanges) -> TrainingSessionChanges {
        var sum = lhs
        sum.created += rhs.created
        sum.removed += rhs.removed
        sum.cancelled += rhs.cancelled
        sum.updated += rhs.updated
        return sum
    }

    /// "created 12, removed 3, cancelled (kept) 1, updated 0".
    public var summary: String {
        "created \(created.count), removed \(removed.count), cancelled (kept) \(cancelled.count), updated \(updated.count)"
    }

    /// The audit records of these changes, made by the system (no actor) or by `actor` (the CLI has none).
    func auditEntries(reason: String) -> [AuditEntry] {
        let note = FieldChange(field: "reason", old: nil, new: reason)
        func entries(_ sessions: [AffectedTrainingSession], _ action: AuditAction, _ changes: [FieldChange]) -> [AuditEntry] {
            sessions.map { session in
                AuditEntry(actor: nil, action: action, objectType: Self.auditObjectType, objectID: String(session.id),
                           objectLabel: session.label, changes: changes + [note])
            }
        }
        return entries(created, .add, [FieldChange(field: "status", old: nil, new: "planned")])
            + entries(removed, .delete, [])
            + cancelled.flatMap { entries([$0], .change, [FieldChange(field: "status", old: $0.previousStatus, new: "cancelled")]) }
            + entries(updated, .change, [FieldChange(field: "ends_at, location", old: nil, new: "from the schedule slot")])
    }
}
