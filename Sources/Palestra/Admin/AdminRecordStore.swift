import Foundation
import Postgres

/// Reads and writes single objects for the change forms, bulk actions and deletes. Every write checks
/// the user's scope, bumps `version` and writes its audit record in the same transaction.
struct AdminRecordStore: Sendable {
    let database: PostgresClient
    let timeZone: TimeZone

    func record(of resource: AdminResource, id: Int, for user: User) async throws -> AdminRecord? {
        let statement = recordStatement(of: resource, id: id, for: user)
        let rows = try await database.query(statement.sql, statement.values)
        guard var found = try rows.first.map({ try record(from: $0, resource: resource) }) else { return nil }
        found.inlines = try await inlineRecords(of: resource, parentID: found.id, on: database)
        return found
    }

    /// The rows among `ids` in the user's scope, without their inlines, by id (for a bulk action).
    func records(of resource: AdminResource, ids: [Int], for user: User) async throws -> [Int: AdminRecord] {
        guard !ids.isEmpty else { return [:] }
        var parameters = SQLParameters()
        let condition = Self.recordsCondition(resource, ids: ids, user: user, parameters: &parameters)
        let rows = try await database.query(selectRecord(resource, where: condition), parameters.values)
        return Dictionary(try rows.map { row in
            let found = try record(from: row, resource: resource)
            return (found.id, found)
        }, uniquingKeysWith: { first, _ in first })
    }

    /// The object's row, if it is in the user's scope.
    func recordStatement(of resource: AdminResource, id: Int, for user: User) -> SQLStatement {
        var parameters = SQLParameters()
        let condition = recordCondition(resource, id: id, user: user, parameters: &parameters)
        return SQLStatement(sql: selectRecord(resource, where: condition), parameters: parameters)
    }

    func insert(
        _ values: [String: AdminValue], inlines: [String: [AdminInlineRow]] = [:], into resource: AdminResource, actor: User,
        address: String
    ) async throws -> (id: Int, label: String) {
        try await database.transaction { connection in
            var parameters = SQLParameters()
            let fields = resource.form.fields.filter { values[$0.name] != nil }
            var columns = fields.map(\.column)
            var placeholders = fields.map { writeExpression($0, parameters.bind(encodable(values[$0.name] ?? .null))) }
            for stamp in resource.form.stamps where values[stamp.field].map({ $0 != .null }) ?? false {
                columns.append(stamp.column)
                placeholders.append(stampValue(stamp, actor: actor, parameters: &parameters))
            }
            let rows = try await connection.query(
                """
                INSERT INTO \(resource.table) (\(columns.joined(separator: ", ")))
                VALUES (\(placeholders.joined(separator: ", ")))
                RETURNING \(returning(resource))
                """,
                parameters.values
            )
            let saved = try record(from: rows[0], resource: resource)
            if let reason = saved.readOnlyReason { throw AdminReadOnlyError(message: reason) }
            try await ensureInScope(resource, id: saved.id, actor: actor, on: connection)
            var changes = resource.form.fields.filter { !$0.isSecret }.compactMap { field -> FieldChange? in
                guard let value = saved.values[field.name] ?? nil else { return nil }
                return FieldChange(field: field.name, old: nil, new: value)
            }
            changes += try await saveInlines(inlines, of: resource, parentID: saved.id, actor: actor, address: address, on: connection)
            let event = AdminSaveEvent(objectID: String(saved.id), isNew: true, changes: changes, actor: actor)
            try await resource.hooks.afterSave(event, connection)
            try await AuditStore.record(
                AuditEntry(actor: actor, action: .add, objectType: resource.slug, objectID: String(saved.id),
                           objectLabel: saved.label, changes: changes, address: address),
                on: connection
            )
            return (saved.id, saved.label)
        }
    }

    /// Saves `values` over the object if it is still at `version` (a versioned resource) and in the user's scope.
    func update(
        _ values: [String: AdminValue], inlines: [String: [AdminInlineRow]] = [:], of resource: AdminResource, id: Int,
        version: Int?, actor: User, address: String, action: AuditAction = .change
    ) async throws -> AdminUpdateResult {
        try await database.transaction { connection in
            try await update(
                values, inlines: inlines, of: resource, id: id, version: version, actor: actor, address: address, action: action, on: connection
            )
        }
    }

    /// Sets the same values on several objects in one transaction (a bulk action): all or none. Set-based,
    /// whatever the number of rows: one statement locks and reads the rows in the user's scope, not
    /// read-only, that the values would change (in key order); one `UPDATE` writes them; one `INSERT` their
    /// audit records. A row already so is left as it is, its version too. `afterSave` runs for each
    /// changed row. Returns how many changed.
    ///
    /// With `versions` (of a versioned resource), a row whose version is no longer the one the person
    /// confirmed is left alone too, and returned among `stale`.
    func updateEach(
        ids: [Int], to values: [String: AdminValue], of resource: AdminResource, versions: [Int: Int] = [:], onlyWhere condition: String? = nil,
        action: String? = nil, actor: User, address: String
    ) async throws -> (changed: Int, stale: Set<Int>) {
        let fields = resource.form.fields.filter { values[$0.name] != nil }
        guard !ids.isEmpty, !fields.isEmpty else { return (0, []) }
        return try await database.transaction { connection in
            var read = SQLParameters()
            let scope = AdminListStore.scopeClause(resource, user: actor, parameters: &read)
            let differs = fields.map { field in
                Self.differs(resource, field, from: writeExpression(field, read.bind(encodable(values[field.name] ?? .null))))
            }
            let chosen = """
                \(resource.primaryKey) = ANY(\(read.bind(ids))::bigint[]) AND \(scope) AND \(writable(resource, by: action)) \
                AND (\(differs.joined(separator: " OR "))) AND (\(condition ?? "true"))
                """
            let current = try await connection.query(
                selectRecord(resource, where: chosen) + " ORDER BY \(resource.primaryKey) FOR UPDATE", read.values
            )
            let locked = try current.map { try record(from: $0, resource: resource) }
            let stale = Set(locked.filter { row in resource.isVersioned && versions[row.id].map { $0 != row.version } == true }.map(\.id))
            let old = locked.filter { !stale.contains($0.id) }
            guard !old.isEmpty else { return (0, stale) }

            var write = SQLParameters()
            let rows = try await connection.query(
                """
                UPDATE \(resource.table) SET \(assignments(values, fields: fields, of: resource, actor: actor, parameters: &write))
                WHERE \(resource.primaryKey) = ANY(\(write.bind(old.map(\.id)))::bigint[])
                RETURNING \(returning(resource))
                """,
                write.values
            )
            let saved = Dictionary(uniqueKeysWithValues: try rows.map { row in
                let record = try record(from: row, resource: resource)
                return (record.id, record)
            })
            var entries: [AuditEntry] = []
            for before in old {
                guard let after = saved[before.id] else { continue }
                let changes = Self.changes(of: fields, from: before, to: after)
                guard !changes.isEmpty || fields.contains(where: \.isSecret) else { continue }
                try await resource.hooks.afterSave(AdminSaveEvent(objectID: String(before.id), isNew: false, changes: changes, actor: actor), connection)
                entries.append(AuditEntry(actor: actor, action: .change, objectType: resource.slug, objectID: String(before.id),
                                          objectLabel: after.label, changes: changes, address: address))
            }
            try await AuditStore.record(entries, on: connection)
            return (entries.count, stale)
        }
    }

    func update(
        _ values: [String: AdminValue], inlines: [String: [AdminInlineRow]] = [:], of resource: AdminResource, id: Int,
        version: Int?, actor: User, address: String, action: AuditAction, on connection: PostgresConnection
    ) async throws -> AdminUpdateResult {
        var parameters = SQLParameters()
        let condition = recordCondition(resource, id: id, user: actor, parameters: &parameters)
        let current = try await connection.query(selectRecord(resource, where: condition) + " FOR UPDATE", parameters.values)
        guard let row = current.first else { return .notFound }
        var old = try record(from: row, resource: resource)
        if let reason = old.readOnlyReason { return .readOnly(reason) }
        if let reason = inlines.compactMap({ name, rows in rows.isEmpty ? nil : old.readOnlyInlines[name] }).first {
            return .readOnly(reason)
        }
        if resource.isVersioned, let version, version != old.version {
            old.inlines = try await inlineRecords(of: resource, parentID: id, on: connection)
            return .conflict(old)
        }
        let fields = resource.form.fields.filter { values[$0.name] != nil }
        guard !fields.isEmpty || resource.isVersioned else { return .saved(label: old.label, changes: []) }
        let rows = try await connection.query(
            """
            UPDATE \(resource.table) SET \(assignments(values, fields: fields, of: resource, actor: actor, parameters: &parameters))
            WHERE \(condition) RETURNING \(returning(resource))
            """,
            parameters.values
        )
        var saved = try record(from: rows[0], resource: resource)
        try await ensureInScope(resource, id: id, actor: actor, on: connection)
        var changes = Self.changes(of: fields, from: old, to: saved)
        let inlineChanges = try await saveInlines(inlines, of: resource, parentID: id, actor: actor, address: address, on: connection)
        if !inlineChanges.isEmpty, resource.isVersioned, saved.version == old.version {
            saved = try await touch(resource, id: id, on: connection)
        }
        changes += inlineChanges
        if !changes.isEmpty || fields.contains(where: \.isSecret) {
            try await resource.hooks.afterSave(
                AdminSaveEvent(objectID: String(id), isNew: false, changes: changes, actor: actor), connection
            )
            try await AuditStore.record(
                AuditEntry(actor: actor, action: action, objectType: resource.slug, objectID: String(id),
                           objectLabel: saved.label, changes: changes, address: address),
                on: connection
            )
        }
        return .saved(label: saved.label, changes: changes)
    }

    /// Runs a resource's procedure on the objects (in the user's scope) in one transaction: the rows are
    /// locked (in key order), its refusals read, then the procedure runs on the rest, each changed row
    /// audited. How many changed, and the rows refused inside the transaction (id → catalog key).
    func perform(
        _ procedure: AdminProcedure, on targets: [(id: Int, label: String)], of resource: AdminResource, actor: User, address: String
    ) async throws -> (changed: Int, refused: [Int: String]) {
        guard !targets.isEmpty else { return (0, [:]) }
        let labels = Dictionary(targets.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        return try await database.transaction { connection in
            var parameters = SQLParameters()
            let scope = AdminListStore.scopeClause(resource, user: actor, parameters: &parameters)
            let visible: [Int] = try await connection.query(
                """
                SELECT \(resource.primaryKey) AS pk FROM \(resource.table)
                WHERE \(resource.primaryKey) = ANY(\(parameters.bind(targets.map(\.id)))::bigint[]) AND \(scope) AND \(writable(resource))
                ORDER BY 1 FOR UPDATE
                """,
                parameters.values
            ).map { try $0.decode("pk") }
            let refused = try await procedure.refusals(connection, visible)
            let changes = try await procedure.run(connection, visible.filter { refused[$0] == nil }, actor)
            let changed = changes.filter { !$0.changes.isEmpty }
            for row in changed {
                try await resource.hooks.afterSave(
                    AdminSaveEvent(objectID: String(row.id), isNew: false, changes: row.changes, actor: actor), connection
                )
            }
            try await AuditStore.record(
                changed.map { row in
                    AuditEntry(actor: actor, action: .change, objectType: resource.slug, objectID: String(row.id),
                               objectLabel: labels[row.id], changes: row.changes, address: address)
                },
                on: connection
            )
            return (changes.filter { !$0.changes.isEmpty }.count, refused)
        }
    }

    /// Deletes the rows within the actor's scope that may be deleted, each audited; returns the deleted rows'
    /// labels and the stored files their file fields held, for the caller to remove once this has committed.
    func delete(ids: [Int], of resource: AdminResource, actor: User, address: String) async throws -> AdminDeletion {
        try await database.transaction { connection in
            var parameters = SQLParameters()
            let scope = AdminListStore.scopeClause(resource, user: actor, parameters: &parameters)
            let files = resource.form.fields.filter(\.isFile).map(\.column)
            let fileColumns = files.indices.map { ", \(files[$0])::text AS file_\($0)" }.joined()
            let rows = try await connection.query(
                """
                DELETE FROM \(resource.table)
                WHERE \(resource.primaryKey) = ANY(\(parameters.bind(ids))::bigint[]) AND \(scope) AND \(writable(resource))
                RETURNING \(resource.primaryKey) AS pk, (\(resource.labelExpression))::text AS label\(fileColumns)
                """,
                parameters.values
            )
            let deleted = try rows.map { row in
                (id: try row.decode("pk", as: Int.self), label: try row.decode("label", as: String?.self) ?? "")
            }
            let storedFiles = try rows.flatMap { row in
                try files.indices.compactMap { try row.decode("file_\($0)", as: String?.self) }
            }.filter { !$0.isEmpty }
            try await AuditStore.record(
                deleted.map { AuditEntry(actor: actor, action: .delete, objectType: resource.slug, objectID: String($0.id), objectLabel: $0.label, address: address) },
                on: connection
            )
            return AdminDeletion(labels: deleted.map(\.label), files: storedFiles)
        }
    }

    /// Whether a row the user may see holds the stored file `relative` in one of its file fields.
    func holdsFile(_ relative: String, resource: AdminResource, for user: User) async throws -> Bool {
        let columns = resource.form.fields.filter(\.isFile).map(\.column)
        guard !columns.isEmpty else { return false }
        var parameters = SQLParameters()
        let file = parameters.bind(relative)
        let scope = AdminListStore.scopeClause(resource, user: user, parameters: &parameters)
        let holds = columns.map { "\($0) = \(file)" }.joined(separator: " OR ")
        return try await database.query(
            "SELECT EXISTS (SELECT 1 FROM \(resource.table) WHERE (\(holds)) AND \(scope)) AS holds", parameters.values
        )[0].decode("holds")
    }

    /// Every stored file the resource's rows hold, whoever may see them (for `palestra media prune`).
    static func heldFiles(of resource: AdminResource, on database: PostgresClient) async throws -> Set<String> {
        let columns = resource.form.fields.filter(\.isFile).map(\.column)
        guard !columns.isEmpty else { return [] }
        return Set(try await database.query(
            columns.map { "SELECT \($0)::text AS file FROM \(resource.table) WHERE \($0) IS NOT NULL" }.joined(separator: " UNION ")
        ).map { try $0.decode("file", as: String.self) })
    }

    /// What goes with the objects when they are deleted: each dependent's label key and count (non-zero only).
    func dependents(of resource: AdminResource, ids: [Int]) async throws -> [(label: String, count: Int)] {
        var found: [(String, Int)] = []
        // Blocking ones do not go with it: they keep it (``deletionBlockers``).
        for dependent in resource.dependents where dependent.blocking == nil {
            let statement = dependentStatement(dependent, ids: ids)
            let count: Int = try await database.query(statement.sql, statement.values)[0].decode(at: 0)
            if count > 0 { found.append((dependent.label, count)) }
        }
        return found
    }

    /// What keeps each of the objects from being deleted (its blocking dependents' rows), by object id;
    /// objects nothing blocks are absent.
    func deletionBlockers(of resource: AdminResource, ids: [Int]) async throws -> [Int: [AdminDeletionBlocker]] {
        var found: [Int: [AdminDeletionBlocker]] = [:]
        guard !ids.isEmpty else { return found }
        for dependent in resource.dependents {
            guard let sql = dependent.blockersSQL, let blocking = dependent.blocking else { continue }
            var byOwner: [Int: (count: Int, named: [AdminDeletionBlocker.Named])] = [:]
            for row in try await database.query(sql, [ids]) {
                let owner: Int = try row.decode("owner")
                let named = AdminDeletionBlocker.Named(
                    label: try row.decode("label", as: String?.self) ?? "",
                    url: AdminURL.changeForm(blocking.slug, String(try row.decode("id", as: Int.self)))
                )
                let total: Int = try row.decode("total")
                byOwner[owner, default: (total, [])].named.append(named)
            }
            for (owner, rows) in byOwner {
                found[owner, default: []].append(AdminDeletionBlocker(label: dependent.label, count: rows.count, named: rows.named))
            }
        }
        return found
    }

    func dependentStatement(_ dependent: AdminDependent, ids: [Int]) -> SQLStatement {
        var parameters = SQLParameters()
        return SQLStatement(sql: parameters.expand(dependent.countSQL, in: .dependentCount, .init(objectIDs: ids)), parameters: parameters)
    }

    /// A panel's rows for one object: each column's value as text, in the columns' order.
    func rows(of panel: AdminPanel, objectID: Int) async throws -> [[String?]] {
        let statement = panelStatement(panel, objectID: objectID)
        let rows = try await database.query(statement.sql, statement.values)
        return try rows.map { row in try panel.columns.map { try row.decode($0.key, as: String?.self) } }
    }

    func panelStatement(_ panel: AdminPanel, objectID: Int) -> SQLStatement {
        var parameters = SQLParameters()
        return SQLStatement(sql: parameters.expand(panel.query, in: .panel, .init(timeZone: timeZone, objectID: objectID)), parameters: parameters)
    }

    /// Said when a save would leave the row outside the user's scope (a member entering someone else's commission).
    static let outOfScopeMessage = CatalogKey.t("You may only save records within your own reach: nothing was saved.")

    /// A row just added or changed must stay one the actor may see; otherwise the transaction rolls back.
    func ensureInScope(_ resource: AdminResource, id: Int, actor: User, on connection: PostgresConnection) async throws {
        if case .all = resource.access.scope(actor) { return }
        var parameters = SQLParameters()
        let condition = recordCondition(resource, id: id, user: actor, parameters: &parameters)
        let found = try await connection.query("SELECT 1 AS found FROM \(resource.table) WHERE \(condition)", parameters.values)
        if found.isEmpty { throw AdminReadOnlyError(message: Self.outOfScopeMessage) }
    }
}
