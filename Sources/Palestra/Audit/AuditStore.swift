import Foundation
import Postgres

/// Writes the audit log. Callers pass the connection of the transaction that made the change, so the
/// record and the change commit together.
public enum AuditStore {
    public static func record(_ entry: AuditEntry, on connection: any PostgresQueryable) async throws {
        try await record([entry], on: connection)
    }

    /// Writes many records in one statement (a bulk action, a delete of several rows), in order.
    public static func record(_ entries: [AuditEntry], on connection: any PostgresQueryable) async throws {
        guard !entries.isEmpty else { return }
        let statement = recordStatement(entries)
        try await connection.execute(statement.sql, statement.parameters)
    }

    /// The statement that writes `entries` (at least one), to run in a pipeline of the change's transaction.
    public static func recordStatement(_ entries: [AuditEntry]) -> PostgresStatement {
        let rows = entries.map { entry in
            AuditRow(
                actor_id: entry.actor?.id, actor_label: entry.actor.map { "\($0.displayName) <\($0.email)>" },
                action: entry.action.rawValue, object_type: entry.objectType, object_id: entry.objectID,
                object_label: entry.objectLabel, changes: entry.changes, address: entry.address
            )
        }
        return PostgresStatement(
            """
            INSERT INTO audit_records (actor_id, actor_label, action, object_type, object_id, object_label, changes, address)
            SELECT actor_id, actor_label, action, object_type, object_id, left(object_label, 300), coalesce(changes, '[]'), address
            FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (
                actor_id bigint, actor_label text, action text, object_type text, object_id text,
                object_label text, changes jsonb, address text
            )) WITH ORDINALITY AS r(actor_id, actor_label, action, object_type, object_id, object_label, changes, address, position)
            ORDER BY position
            """,
            [PostgresJSON(rows)]
        )
    }

    /// An audit record as `jsonb_to_recordset` reads it.
    private struct AuditRow: Encodable {
        let actor_id: Int?
        let actor_label: String?
        let action: String
        let object_type: String?
        let object_id: String?
        let object_label: String?
        let changes: [FieldChange]
        let address: String?
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
