import Foundation
import Postgres

/// The admin index's SQL: the user's own recent changes from the audit log (Django's "Recent actions"),
/// and whether each object they name is still there for the user to open.
struct AdminIndexStore: Sendable {
    /// One add, change or delete the user made through a resource.
    struct RecentAction: Sendable {
        let action: AuditAction
        let slug: String
        let objectID: String
        let objectLabel: String
        let occurredAt: Date
    }

    let database: PostgresClient

    /// The user's latest adds, changes and deletes of objects of `slugs`, newest first, at most `limit`.
    func recentActions(of user: User, slugs: [String], limit: Int) async throws -> [RecentAction] {
        try await database.query(
            """
            SELECT action, object_type, object_id, coalesce(object_label, '') AS object_label, occurred_at
            FROM audit_records
            WHERE actor_id = $1 AND action IN ('add', 'change', 'delete') AND object_type = ANY($2::text[]) AND object_id IS NOT NULL
            ORDER BY occurred_at DESC, id DESC
            LIMIT $3
            """,
            [user.id, slugs, limit]
        ).compactMap { row in
            guard let action = AuditAction(rawValue: try row.decode("action")) else { return nil }
            return RecentAction(
                action: action, slug: try row.decode("object_type"), objectID: try row.decode("object_id"),
                objectLabel: try row.decode("object_label"), occurredAt: try row.decode("occurred_at")
            )
        }
    }

    /// Which of the recent actions' objects still exist within the user's scope, as `slug/id`: one statement per
    /// resource (its keys and scope, not its whole record), all in one round trip.
    func existing(_ wanted: [(resource: AdminResource, ids: [Int])], for user: User) async throws -> Set<String> {
        guard !wanted.isEmpty else { return [] }
        let statements = wanted.map { resource, ids in
            var parameters = SQLParameters()
            let condition = AdminRecordStore.recordsCondition(resource, ids: ids, user: user, parameters: &parameters)
            return PostgresStatement("SELECT \(resource.primaryKey) AS pk FROM \(resource.table) WHERE \(condition)", parameters.values)
        }
        var found: Set<String> = []
        for (result, want) in zip(try await database.pipeline(statements), wanted) {
            for row in result { found.insert(want.resource.slug + "/" + String(try row.decode("pk", as: Int.self))) }
        }
        return found
    }
}
