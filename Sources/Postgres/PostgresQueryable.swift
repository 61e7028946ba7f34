/// Something that runs parameterised SQL: a ``PostgresConnection`` or the ``PostgresClient`` pool.
public protocol PostgresQueryable: Sendable {
    /// Runs one statement with `$1…$n` parameters bound by libpq (never interpolated into the SQL), prepared
    /// and planned as `planning` says. `nil` is SQL NULL. Results are read completely.
    func query(_ sql: String, _ parameters: [(any PostgresEncodable)?], planning: PostgresPlanning) async throws -> PostgresQueryResult

    /// Runs `statements` in one round trip on one connection, their results in order (see
    /// ``PostgresConnection/pipeline(_:)``).
    func pipeline(_ statements: [PostgresStatement]) async throws -> [PostgresQueryResult]
}

extension PostgresQueryable {
    /// Runs one statement with `$1…$n` parameters, prepared once per connection and reused
    /// (``PostgresPlanning/cached``).
    public func query(_ sql: String, _ parameters: [(any PostgresEncodable)?]) async throws -> PostgresQueryResult {
        try await query(sql, parameters, planning: .cached)
    }

    /// Runs one statement without parameters.
    public func query(_ sql: String) async throws -> PostgresQueryResult {
        try await query(sql, [], planning: .cached)
    }

    /// Runs one statement and returns the number of affected rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> Int {
        try await query(sql, parameters, planning: .cached).affectedRows
    }
}
