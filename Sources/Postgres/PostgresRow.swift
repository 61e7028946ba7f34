/// One row of a ``PostgresQueryResult``.
public struct PostgresRow: Sendable {
    let storage: PostgresQueryResult.Storage
    let index: Int

    public var columnNames: [String] { storage.columns.map(\.name) }

    /// The value of `column` as `T`. Throws ``PostgresError/decoding(column:reason:)`` naming the column
    /// for NULL into a non-optional, a type mismatch, a malformed value or an unknown column.
    /// With duplicate column names, the first one is read.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws -> T {
        guard let columnIndex = storage.lookup.position(of: column) else {
            let available = storage.columns.map(\.name).joined(separator: ", ")
            throw PostgresError.decoding(column: column, reason: "no such column (the result has: \(available))")
        }
        return try decode(at: columnIndex, as: type)
    }

    /// The value of the column at `position` (0-based) as `T`.
    public func decode<T: PostgresDecodable>(at position: Int, as type: T.Type = T.self) throws -> T {
        guard storage.columns.indices.contains(position) else {
            throw PostgresError.decoding(column: "#\(position)", reason: "no such column (the result has \(storage.columns.count))")
        }
        let column = storage.columns[position]
        // The storage outlives the call (this row holds it), so its bytes stay valid while `T` reads them.
        do throws(PostgresDecodingFailure) {
            guard let bytes = storage.value(at: index * storage.columns.count + position) else { return try T.postgresNull() }
            return try T(postgresBytes: bytes, type: column.type)
        } catch {
            throw PostgresError.decoding(column: column.name, reason: error.reason)
        }
    }

    /// True when `column` is SQL NULL in this row (false for unknown columns).
    public func isNull(_ column: String) -> Bool {
        guard let columnIndex = storage.lookup.position(of: column) else { return false }
        return storage.spans[index * storage.columns.count + columnIndex].count < 0
    }
}
