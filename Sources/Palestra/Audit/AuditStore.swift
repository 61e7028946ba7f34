import Foundation
import Postgres

/// Writes the audit log. Callers pass the connection of the transaction that made the change, so the
/// record and the change commit together.
public enum AuditStore {
    /// The object types that occur in the log, for the audit list's filter.
    static let objectTypeLookup = AdminLookup(
        table: "(SELECT DISTINCT object_type FROM audit_records WHERE object_type IS NOT NULL) AS types",
        valueColumn: "object_type", labelExpression: "object_type"
    )

    public static func record(_ entry: AuditEntry, on connection: any PostgresQueryable) async throws {
        let changes = String(decoding: try JSONEncoder().encode(entry.changes), as: UTF8.self)
        try await connection.execute(
            """
            INSERT INTO audit_records (actor_id, actor_label, action, object_type, object_id, object_label, changes, address)
            VALUES ($1, $2, $3, $4, $5, left($6, 300), $7::jsonb, $8)
            """,
            [
                entry.actor?.id, entry.actor.map { "\($0.displayName) <\($0.email)>" }, entry.action.rawValue,
                entry.objectType, entry.objectID, entry.objectLabel, changes, entry.address,
            ]
        )
    }
}

extension AuditStore {
    /// An object's records, newest first (the latest 500).
    static func history(objectType: String, objectID: String, on database: any PostgresQueryable) async throws -> [AuditRecord] {
        let rows = try await database.query(
            """
            SELECT occurred_at, actor_label, action, changes::text AS changes, address
            FROM audit_records WHERE object_type = $1 AND object_id = $2
            ORDER BY occurred_at DESC, id DESC LIMIT 500
            """,
            [objectType, objectID]
        )
        return try rows.map { row in
            AuditRecord(
                occurredAt: try row.decode("occurred_at"),
                actorLabel: try row.decode("actor_label"),
                action: try row.decode("action"),
                changes: (try? JSONDecoder().decode([FieldChange].self, from: Data(try row.decode("changes", as: String.self).utf8))) ?? [],
                address: try row.decode("address")
            )
        }
    }
}
