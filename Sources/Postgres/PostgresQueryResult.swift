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

    /// Copies everything out of a successful `PGresult` (which the caller still owns and clears): every value's
    /// bytes one after another in one buffer, so a result costs a few allocations whatever its size, and a value
    /// becomes a Swift value (a `String` only when read as one) when a row decodes it.
    init(copying result: OpaquePointer) {
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns = (0..<columnCount).map { column in
            Storage.Column(
                name: PQfname(result, Int32(column)).map { String(cString: $0) } ?? "?column?",
                type: PostgresDataType(oid: UInt32(PQftype(result, Int32(column))))
            )
        }
        var spans = [Storage.Span]()
        spans.reserveCapacity(rowCount * columnCount)
        var total = 0
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) where PQgetisnull(result, row, column) == 0 {
                total += Int(PQgetlength(result, row, column))
            }
        }
        let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: Swift.max(total, 1), alignment: 1)
        var offset = 0
        for row in 0..<Int32(rowCount) {
            for column in 0..<Int32(columnCount) {
                guard PQgetisnull(result, row, column) == 0, let pointer = PQgetvalue(result, row, column) else {
                    spans.append(.null)
                    continue
                }
                let length = Int(PQgetlength(result, row, column))
                (bytes.baseAddress! + offset).copyMemory(from: pointer, byteCount: length)
                spans.append(Storage.Span(start: offset, count: length))
                offset += length
            }
        }
        storage = Storage(columns: columns, bytes: bytes, spans: spans, rowCount: rowCount)
        commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        affectedRows = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    /// Immutable, shared by the result and its rows (unchecked: ``bytes`` is written only by ``init(copying:)``, before
    /// the storage is shared, and freed when it goes).
    final class Storage: @unchecked Sendable {
        struct Column: Sendable {
            let name: String
            let type: PostgresDataType
        }

        /// Where a value's bytes lie in ``bytes``; a `count` of -1 is SQL NULL.
        struct Span: Sendable {
            let start: Int
            let count: Int

            static let null = Span(start: 0, count: -1)
        }

        let columns: [Column]
        let lookup: PostgresColumnLookup
        /// The values' bytes (text format), row after row; owned.
        let bytes: UnsafeMutableRawBufferPointer
        /// Each value's place in ``bytes``, row after row (`row * columns.count + column`).
        let spans: [Span]
        let rowCount: Int

        init(columns: [Column], bytes: UnsafeMutableRawBufferPointer, spans: [Span], rowCount: Int) {
            self.columns = columns
            self.bytes = bytes
            self.spans = spans
            self.rowCount = rowCount
            lookup = PostgresColumnLookup(names: columns.map(\.name))
        }

        deinit {
            bytes.deallocate()
        }

        /// The bytes of the value at `index` (`row * columns.count + column`); nil for NULL.
        func value(at index: Int) -> UnsafeRawBufferPointer? {
            let span = spans[index]
            guard span.count >= 0 else { return nil }
            return UnsafeRawBufferPointer(rebasing: bytes[span.start..<span.start + span.count])
        }
    }
}
