import Postgres

extension AdminRecordStore {
    /// The stored rows of an inline belonging to `parentID`, in the inline's order (locked when `lock`).
    func inlineRecords(
        _ inline: AdminInline, parentID: Int, lock: Bool = false, on connection: any PostgresQueryable
    ) async throws -> [AdminInlineRecord] {
        let statement = inlineStatement(inline, parentID: parentID, lock: lock)
        let rows = try await connection.query(statement.sql, statement.values)
        return try rows.map { row in
            var values: [String: String?] = [:]
            for (index, field) in inline.fields.enumerated() {
                values[field.name] = try row.decode("f\(index)", as: String?.self)
            }
            return AdminInlineRecord(id: try row.decode("pk"), label: try row.decode("label", as: String?.self) ?? "", values: values)
        }
    }

    func inlineStatement(_ inline: AdminInline, parentID: Int, lock: Bool = false) -> SQLStatement {
        var parameters = SQLParameters()
        var columns = ["\(inline.primaryKey) AS pk", "(\(inline.labelExpression))::text AS label"]
        for (index, field) in inline.fields.enumerated() {
            columns.append("\(readExpression(field)) AS f\(index)")
        }
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM \(inline.table)
            WHERE \(inline.foreignKey) = \(parameters.bind(parentID))::bigint
            ORDER BY \(inline.ordering), \(inline.primaryKey)\(lock ? " FOR UPDATE" : "")
            """
        return SQLStatement(sql: sql, parameters: parameters)
    }

    /// Every inline's rows of the object, by inline name.
    func inlineRecords(of resource: AdminResource, parentID: Int, on connection: any PostgresQueryable) async throws -> [String: [AdminInlineRecord]] {
        var found: [String: [AdminInlineRecord]] = [:]
        for inline in resource.form.inlines {
            found[inline.name] = try await inlineRecords(inline, parentID: parentID, on: connection)
        }
        return found
    }

    /// Writes the posted rows of each inline (removals, changes, additions) inside the parent's
    /// transaction, each one audited. Rows naming an id the parent does not have are left alone. A
    /// declared constraint's violation throws ``AdminInlineViolation`` (the transaction then rolls back).
    /// Returns one change per inline whose rows changed: its rows' labels before and after.
    func saveInlines(
        _ posted: [String: [AdminInlineRow]], of resource: AdminResource, parentID: Int, actor: User, address: String,
        on connection: PostgresConnection
    ) async throws -> [FieldChange] {
        var changes: [FieldChange] = []
        for inline in resource.form.inlines {
            guard let rows = posted[inline.name], !rows.isEmpty else { continue }
            let stored = try await inlineRecords(inline, parentID: parentID, lock: true, on: connection)
            let before = stored.map(\.label)
            var entries: [AuditEntry] = []
            for row in rows {
                do {
                    if let entry = try await save(row, of: inline, stored: stored, parentID: parentID, on: connection) {
                        entries.append(AuditEntry(
                            actor: actor, action: entry.action, objectType: inline.auditType(parent: resource),
                            objectID: String(entry.id), objectLabel: entry.label, changes: entry.changes, address: address
                        ))
                    }
                } catch let error as PostgresError {
                    guard let constraint = Self.constraint(of: error), let known = inline.constraints[constraint] else { throw error }
                    throw AdminInlineViolation(inline: inline.name, index: row.index, field: known.field, message: known.message)
                }
            }
            guard !entries.isEmpty else { continue }
            try await AuditStore.record(entries, on: connection)
            let after = try await inlineRecords(inline, parentID: parentID, on: connection).map(\.label)
            changes.append(FieldChange(
                field: inline.name, old: before.isEmpty ? nil : before.joined(separator: "; "),
                new: after.isEmpty ? nil : after.joined(separator: "; ")
            ))
        }
        return changes
    }

    /// One row's statement: what it did, or `nil` when it changed nothing (or named another parent's row).
    private func save(
        _ row: AdminInlineRow, of inline: AdminInline, stored: [AdminInlineRecord], parentID: Int, on connection: PostgresConnection
    ) async throws -> (action: AuditAction, id: Int, label: String, changes: [FieldChange])? {
        var parameters = SQLParameters()
        if let id = row.id {
            guard let old = stored.first(where: { $0.id == id }) else { return nil }
            let condition = "\(inline.primaryKey) = \(parameters.bind(id))::bigint AND \(inline.foreignKey) = \(parameters.bind(parentID))::bigint"
            if row.remove {
                _ = try await connection.query("DELETE FROM \(inline.table) WHERE \(condition)", parameters.values)
                let changes = inline.fields.compactMap { field in
                    (old.values[field.name] ?? nil).map { FieldChange(field: field.name, old: $0, new: nil) }
                }
                return (.delete, id, old.label, changes)
            }
            let fields = inline.fields.filter { row.values[$0.name] != nil }
            let assignments = fields.map { "\($0.column) = \(writeExpression($0, parameters.bind(encodable(row.values[$0.name] ?? .null))))" }
            guard !assignments.isEmpty else { return nil }
            let saved = try await connection.query(
                "UPDATE \(inline.table) SET \(assignments.joined(separator: ", ")) WHERE \(condition) RETURNING \(returning(inline))",
                parameters.values
            )
            let new = try record(from: saved[0], inline: inline)
            let changes = fields.compactMap { field -> FieldChange? in
                let before = old.values[field.name] ?? nil, after = new.values[field.name] ?? nil
                return before == after ? nil : FieldChange(field: field.name, old: before, new: after)
            }
            return changes.isEmpty ? nil : (.change, id, new.label, changes)
        }
        let fields = inline.fields.filter { row.values[$0.name] != nil }
        let placeholders = fields.map { writeExpression($0, parameters.bind(encodable(row.values[$0.name] ?? .null))) }
        let saved = try await connection.query(
            """
            INSERT INTO \(inline.table) (\(([inline.foreignKey] + fields.map(\.column)).joined(separator: ", ")))
            VALUES (\(([parameters.bind(parentID) + "::bigint"] + placeholders).joined(separator: ", ")))
            RETURNING \(returning(inline))
            """,
            parameters.values
        )
        let new = try record(from: saved[0], inline: inline)
        let changes = inline.fields.compactMap { field in
            (new.values[field.name] ?? nil).map { FieldChange(field: field.name, old: nil, new: $0) }
        }
        return (.add, new.id, new.label, changes)
    }

    /// The constraint a violation names (unique, exclusion, check or foreign key).
    private static func constraint(of error: PostgresError) -> String? {
        switch error {
        case .uniqueViolation(let constraint, _), .foreignKeyViolation(let constraint, _): constraint
        case .exclusionViolation(let constraint), .checkViolation(let constraint): constraint
        default: nil
        }
    }

    private func returning(_ inline: AdminInline) -> String {
        (["\(inline.primaryKey) AS pk", "(\(inline.labelExpression))::text AS label"]
            + inline.fields.enumerated().map { "\(readExpression($1)) AS f\($0)" }).joined(separator: ", ")
    }

    private func record(from row: PostgresRow, inline: AdminInline) throws -> AdminInlineRecord {
        var values: [String: String?] = [:]
        for (index, field) in inline.fields.enumerated() {
            values[field.name] = try row.decode("f\(index)", as: String?.self)
        }
        return AdminInlineRecord(id: try row.decode("pk"), label: try row.decode("label", as: String?.self) ?? "", values: values)
    }
}
