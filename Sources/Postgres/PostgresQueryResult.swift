import CLibPQ

/// The rows of a statement (read completely, in text format) and its affected-row count.
public struct PostgresQueryResult: Sendable, RandomAccessCollection {
    public typealias Element = PostgresRow
    public typealias Index = Int

    /// Rows inserted, updated, deleted, selected… as reported by the command tag; 0 when it has none.
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1` or `SELECT 3`.
    public let commandTag: String
    let storage: Storage

    public var columnNames: [String] { storage.columns.map(\.name) }
    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rowCount }

    public subscript(position: Int) -> PostgresRow {
        precondition(indices.contains(position), "row \(position) out of range 0..<\(storage.rowCount)")
        return PostgresRow(storage: storage, index: position)
    }

    /// Copies everything out of a successful `PGresult` (which the caller still owns and clears).
    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { column in
            Storage.Column(
                name: PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?",
                type: PostgresDataType(oid: UInt32(PQftype(result, Int32(column))))
            )
        }
        var values = [String?]()
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else if let pointer = PQgetvalue(result, row, column) {
                    let length = Int(PQgetlength(result, row, column))
                    let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
                    values.append(String(decoding: bytes, as: UTF8.self))
                } else {
                    values.append(nil)
                }
            }
        }
        storage = Storage(columns: columns, values: values, rowCount: rowCount)
        commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        affectedRows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    /// Immutable, shared by the result and its rows.
    final class Storage: Sendable {
        struct Column: Sendable {
            let name: String
            let type: PostgresDataType
        }

        let columns: [Column]
        let columnIndex: [String: Int]
        let values: [String?]
        let rowCount: Int

        init(columns: [Column], values: [String?], rowCount: Int) {
            self.columns = columns
            self.values = values
            self.rowCount = rowCount
            var columnIndex = [String: Int]()
            for (index, column) in columns.enumerated() where columnIndex[column.name] == nil {
                columnIndex[column.name] = index
            }
            self.columnIndex = columnIndex
        }
    }
}
