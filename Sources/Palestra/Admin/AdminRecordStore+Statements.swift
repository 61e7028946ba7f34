import Foundation
import Postgres

/// How ``AdminRecordStore`` composes its statements from a declaration: the selected columns, the
/// conditions (scope, writable rows), the `SET` list with its stamps and version, and how each field's
/// value is read for a form and written back to its column.
extension AdminRecordStore {
    /// The rows that are not read-only, as a condition.
    func writable(_ resource: AdminResource) -> String {
        resource.access.readOnlyCondition.map { "NOT (\($0.sql))" } ?? "true"
    }

    /// The rows a bulk action may change: those no read-only rule holds for, but the rules that allow `action`.
    func writable(_ resource: AdminResource, by action: String?) -> String {
        guard let action else { return writable(resource) }
        let holding = resource.access.readOnlyRules.filter { !$0.allowing.contains(action) }
        return holding.isEmpty ? "true" : "NOT (" + holding.map { "(\($0.sql))" }.joined(separator: " OR ") + ")"
    }

    func recordCondition(_ resource: AdminResource, id: Int, user: User, parameters: inout SQLParameters) -> String {
        let scope = AdminListStore.scopeClause(resource, user: user, parameters: &parameters)
        return "\(resource.primaryKey) = \(parameters.bind(id))::bigint AND \(scope)"
    }

    /// The rows among `ids` in the user's scope: what a bulk action reads, and what the admin index asks of its
    /// recent actions' objects (do they still exist).
    static func recordsCondition(_ resource: AdminResource, ids: [Int], user: User, parameters: inout SQLParameters) -> String {
        let keys = parameters.bind(ids)
        let scope = AdminListStore.scopeClause(resource, user: user, parameters: &parameters)
        return "\(resource.primaryKey) = ANY(\(keys)::bigint[]) AND \(scope)"
    }

    func selectRecord(_ resource: AdminResource, where condition: String) -> String {
        "SELECT \(returning(resource)) FROM \(resource.table) WHERE \(condition)"
    }

    func returning(_ resource: AdminResource) -> String {
        var columns = ["\(resource.primaryKey) AS pk", "(\(resource.labelExpression))::text AS label"]
        columns.append(resource.isVersioned ? "version" : "0 AS version")
        for (index, rule) in resource.access.readOnlyRules.enumerated() {
            columns.append("(\(rule.sql)) AS read_only\(index)")
        }
        for (index, inline) in resource.form.inlines.enumerated() {
            columns.append("(\(inline.readOnlyCondition?.sql ?? "false")) AS inline_read_only\(index)")
        }
        for (index, field) in resource.form.fields.enumerated() where !field.isSecret {
            columns.append("\(readExpression(field)) AS f\(index)")
        }
        for (index, action) in resource.list.actions.enumerated() {
            if let condition = action.condition { columns.append("(\(condition.sql)) IS TRUE AS action_condition\(index)") }
        }
        return columns.joined(separator: ", ")
    }

    func record(from row: PostgresRow, resource: AdminResource) throws -> AdminRecord {
        var values: [String: String?] = [:]
        for (index, field) in resource.form.fields.enumerated() where !field.isSecret {
            values[field.name] = try row.decode("f\(index)", as: String?.self)
        }
        var readOnlyInlines: [String: String] = [:]
        for (index, inline) in resource.form.inlines.enumerated() {
            if let condition = inline.readOnlyCondition, try row.decode("inline_read_only\(index)", as: Bool.self) {
                readOnlyInlines[inline.name] = condition.message
            }
        }
        var meetsConditionOf: Set<String> = []
        for (index, action) in resource.list.actions.enumerated() where action.condition != nil {
            if try row.decode("action_condition\(index)", as: Bool.self) { meetsConditionOf.insert(action.name) }
        }
        let holding = try resource.access.readOnlyRules.indices.filter { try row.decode("read_only\($0)", as: Bool?.self) == true }
            .map { resource.access.readOnlyRules[$0] }
        return AdminRecord(
            id: try row.decode("pk"), label: try row.decode("label", as: String?.self) ?? "",
            version: try row.decode("version"), values: values,
            readOnlyReason: holding.first?.message,
            readOnlyAllowing: holding.dropFirst().reduce(holding.first?.allowing ?? []) { $0.intersection($1.allowing) },
            readOnlyInlines: readOnlyInlines, meetsConditionOf: meetsConditionOf
        )
    }

    var zoneLiteral: String { Self.zoneLiteral(timeZone) }

    static func zoneLiteral(_ timeZone: TimeZone) -> String {
        "'" + timeZone.identifier.replacingOccurrences(of: "'", with: "''") + "'"
    }

    func readExpression(_ field: AdminField) -> String {
        Self.readExpression(field, timeZone: timeZone)
    }

    /// A column as its form input shows it: local `YYYY-MM-DDTHH:MM` for date-times, `HH:MM` for
    /// times, a JSON array for multi-selects, `true`/`false` for checkboxes, indented JSON for `.json`,
    /// PostgreSQL's text otherwise. Shared with the change list's editable cells.
    static func readExpression(_ field: AdminField, timeZone: TimeZone) -> String {
        switch field.kind {
        case .dateTime: "to_char(\(field.column) AT TIME ZONE \(zoneLiteral(timeZone)), 'YYYY-MM-DD\"T\"HH24:MI')"
        case .time: "to_char(\(field.column), 'HH24:MI')"
        case .multiSelect: "array_to_json(\(field.column))::text"
        case .json: "jsonb_pretty((\(field.column))::jsonb)"
        default: "(\(field.column))::text"
        }
    }

    /// The fields (secret ones left out) whose value differs between two readings of a row, for the audit
    /// and `afterSave`.
    static func changes(of fields: [AdminField], from old: AdminRecord, to new: AdminRecord) -> [FieldChange] {
        fields.filter { !$0.isSecret }.compactMap { field in
            let before = old.values[field.name] ?? nil, after = new.values[field.name] ?? nil
            return before == after ? nil : FieldChange(field: field.name, old: before, new: after)
        }
    }

    /// An `UPDATE`'s `SET` list: each field's new value, the stamps of the fields whose value changes (in
    /// `SET`, a column names the row's value before the update), and the version raised.
    func assignments(
        _ values: [String: AdminValue], fields: [AdminField], of resource: AdminResource, actor: User,
        parameters: inout SQLParameters
    ) -> String {
        var newValues: [String: String] = [:]
        var assignments = fields.map { field in
            let value = writeExpression(field, parameters.bind(encodable(values[field.name] ?? .null)))
            newValues[field.name] = value
            return "\(field.column) = \(value)"
        }
        for stamp in resource.form.stamps {
            guard let field = fields.first(where: { $0.name == stamp.field }), let value = newValues[field.name] else { continue }
            assignments.append("""
                \(stamp.column) = CASE WHEN \(Self.differs(resource, field, from: value)) \
                THEN \(stampValue(stamp, actor: actor, parameters: &parameters)) ELSE \(stamp.column) END
                """)
        }
        if resource.isVersioned {
            // A save that changes nothing keeps the version, so it does not make other open forms (or a coach's
            // journal of the same session) stale; inline rows that changed raise it afterwards (`touch`).
            let changed = fields.isEmpty ? "false" : fields.map { Self.differs(resource, $0, from: newValues[$0.name] ?? "NULL") }
                .joined(separator: " OR ")
            assignments += [
                "version = CASE WHEN \(changed) THEN version + 1 ELSE version END",
                "updated_at = CASE WHEN \(changed) THEN now() ELSE updated_at END",
            ]
        }
        return assignments.joined(separator: ", ")
    }

    /// Raises the version of a row whose inline rows changed while its own fields did not.
    func touch(_ resource: AdminResource, id: Int, on connection: PostgresConnection) async throws -> AdminRecord {
        var parameters = SQLParameters()
        let rows = try await connection.query(
            """
            UPDATE \(resource.table) SET version = version + 1, updated_at = now()
            WHERE \(resource.primaryKey) = \(parameters.bind(id))::bigint RETURNING \(returning(resource))
            """,
            parameters.values
        )
        return try record(from: rows[0], resource: resource)
    }

    /// Whether a row's value of `field` differs from a new value, compared as text: a write expression is
    /// made for `SET`, which converts it to the column's type, while a comparison needs an operator for
    /// the two types as they are (a select of numbers over a text column, jsonb over json). Equal values
    /// read the same; a value that reads differently is at worst written again.
    static func differs(_ resource: AdminResource, _ field: AdminField, from value: String) -> String {
        "(\(resource.table).\(field.column))::text IS DISTINCT FROM (\(value))::text"
    }

    func stampValue(_ stamp: AdminStamp, actor: User, parameters: inout SQLParameters) -> String {
        switch stamp.value {
        case .actor: "\(parameters.bind(actor.id))::bigint"
        case .now: "now()"
        }
    }

    /// A bound value cast to what the column holds. Empty text (and Markdown) is stored as `''`, not NULL,
    /// as Django stores it: such columns are `NOT NULL DEFAULT ''`.
    func writeExpression(_ field: AdminField, _ placeholder: String) -> String {
        switch field.kind {
        case .text, .markdown: "coalesce(\(placeholder)::text, '')"
        case .integer, .money, .foreignKey: "\(placeholder)::bigint"
        // A select of whole numbers (ISO weekdays) fills a number column; bigint is assignable to any of them.
        case .select(let choices) where choices.allSatisfy({ Int($0.value) != nil }): "\(placeholder)::bigint"
        case .date: "\(placeholder)::date"
        case .time: "\(placeholder)::time"
        case .dateTime: "(\(placeholder)::timestamp AT TIME ZONE \(zoneLiteral))"
        case .checkbox: "\(placeholder)::boolean"
        case .multiSelect: "\(placeholder)::text[]"
        case .json, .table, .fieldChanges: "\(placeholder)::jsonb"
        default: "\(placeholder)::text"
        }
    }

    func encodable(_ value: AdminValue) -> (any PostgresEncodable)? {
        switch value {
        case .text(let text): text
        case .list(let items): items
        case .null: nil
        }
    }
}
