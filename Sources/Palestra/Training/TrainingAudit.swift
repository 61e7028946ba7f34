import Postgres

/// Audit records of the training jobs that are not about one session.
enum TrainingAudit {
    /// A generation or re-sync of a group that failed (its own transaction rolled back, so this one
    /// is written on its own).
    static func recordFailure(of operation: String, group: Int, error: any Error, attempt: Int, on database: PostgresClient) async throws {
        try await AuditStore.record(
            AuditEntry(
                actor: nil, action: .syncFailed, objectType: "training-groups", objectID: String(group),
                changes: [
                    FieldChange(field: "operation", old: nil, new: operation),
                    FieldChange(field: "attempt", old: nil, new: String(attempt)),
                    FieldChange(field: "error", old: nil, new: String(String(describing: error).prefix(1000))),
                ]
            ),
            on: database
        )
    }
}
