/// Something that runs parameterised SQL: a ``PostgresConnection`` or the ``PostgresClient`` pool.
public protocol PostgresQueryable: Sendable {
    /// Runs one statement with `$1…$n` parameters bound by `PQexecParams` (never interpolated into the SQL).
    /// `nil` is SQL NULL. Results are read completely.
    func query(_ sql: String, _ parameters: [(any PostgresEncodable)?]) async throws -> PostgresQueryResult
}

extension PostgresQueryable {
    /// Runs one statement without parameters.
    public func query(_ sql: String) async throws -> PostgresQueryResult {
        try await query(sql, [])
    }

    /// Runs one statement and returns the number of affected rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await query(sql, parameters).affectedRows
    }
}
