import Postgres

extension TestDatabase {
    /// The first column of the first row of a query, decoded (a count, a flag, a stored value).
    func value<T: PostgresDecodable>(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], as type: T.Type = T.self) async throws -> T {
        try await withClient(maxConnections: 1) { client in
            try await client.query(sql, parameters)[0].decode(at: 0, as: T.self)
        }
    }

    /// Runs a statement on the test's database.
    func run(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
        try await withClient(maxConnections: 1) { client in
            _ = try await client.execute(sql, parameters)
        }
    }
}
