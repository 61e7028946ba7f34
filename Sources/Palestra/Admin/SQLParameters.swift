import Postgres

/// Collects the values of a statement being composed and hands out their `$n` placeholders.
struct SQLParameters {
    private(set) var values: [(any PostgresEncodable)?] = []

    mutating func bind(_ value: (any PostgresEncodable)?) -> String {
        values.append(value)
        return "$\(values.count)"
    }
}
