import Postgres

/// Collects the values of a statement being composed and hands out their `$n` placeholders.
struct SQLParameters {
    private(set) var values: [(any PostgresEncodable)?] = []
    /// The placeholders bound once per statement (`{user}`, `{zone}`, `{today}`, `{id}`), where they were bound.
    private var statementWide: [SQLPlaceholder: String] = [:]

    mutating func bind(_ value: (any PostgresEncodable)?) -> String {
        values.append(value)
        return "$\(values.count)"
    }

    /// Another value for the parameter bound at `index` (0 for `$1`): a prepared statement's text run again.
    mutating func rebind(_ value: (any PostgresEncodable)?, at index: Int) {
        values[index] = value
    }

    /// A declaration's fragment with the placeholders its slot allows replaced by bound parameters: the
    /// user, the zone, today and the object's id once per statement (every parameter must be used, so
    /// only when the fragment holds it), a pattern, a prefix and a filter's value once per fragment. The one place
    /// where a declaration's placeholders are expanded.
    mutating func expand(_ fragment: String, in slot: SQLPlaceholder.Slot, _ values: SQLPlaceholder.Values) -> String {
        // Most fragments (a list's columns) hold no placeholder: each is looked for only in one that has a brace
        // (or may hold `$1`, a dependent's ids).
        guard fragment.utf8.contains(UInt8(ascii: "{")) || slot.allowed.contains(.ids) else { return fragment }
        var sql = fragment
        for placeholder in SQLPlaceholder.allCases where slot.allowed.contains(placeholder) && sql.contains(placeholder.rawValue) {
            let bound: String
            switch placeholder {
            case .user: bound = shared(.user) { $0.bind(values.user) }
            case .zone: bound = shared(.zone) { $0.bind(values.timeZone?.identifier) }
            case .today:
                bound = shared(.today) { parameters in
                    "(now() AT TIME ZONE \(parameters.shared(.zone) { $0.bind(values.timeZone?.identifier) }))::date"
                }
            case .id: bound = shared(.id) { $0.bind(values.objectID) + "::bigint" }
            case .pattern: bound = bind(values.pattern)
            case .prefix: bound = bind(values.prefix)
            case .value: bound = bind(values.value)
            case .ids:
                // A whole statement: its ids are its first parameter.
                precondition(self.values.isEmpty, "a dependent's count binds its ids as $1")
                _ = bind(values.objectIDs)
                continue
            }
            sql = sql.replacingOccurrences(of: placeholder.rawValue, with: bound)
        }
        return sql
    }

    private mutating func shared(_ placeholder: SQLPlaceholder, _ make: (inout SQLParameters) -> String) -> String {
        if let bound = statementWide[placeholder] { return bound }
        let bound = make(&self)
        statementWide[placeholder] = bound
        return bound
    }
}
