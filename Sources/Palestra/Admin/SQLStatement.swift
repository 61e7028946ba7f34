import Postgres

/// A statement composed from a declaration, with its parameters: what a store runs, and what the tests
/// `EXPLAIN` against the migrated schema.
struct SQLStatement {
    let sql: String
    let parameters: SQLParameters

    var values: [(any PostgresEncodable)?] { parameters.values }
}
