import CLibPQ

/// A statement's parameters as libpq's `PQexecParams`, `PQexecPrepared` and their `PQsend…` forms take
/// them: types, NUL-terminated copies of the values (nil for NULL), lengths and formats. The copies live as
/// long as this value; libpq copies them again into its output buffer when a statement is sent.
final class LibpqParameters {
    let count: Int32
    let types: [Oid]
    let values: [UnsafePointer<CChar>?]
    let lengths: [Int32]
    let formats: [Int32]
    private let buffers: [UnsafeMutablePointer<UInt8>]

    /// Throws `PostgresError.server(sqlState: "54000", …)` for more than 65,535 parameters or a value too
    /// long for a C `int`, as the server would.
    init(_ parameters: [PostgresParameter]) throws {
        guard parameters.count <= 65_535 else {
            throw PostgresError.server(sqlState: "54000", message: "at most 65535 parameters are allowed, not \(parameters.count)")
        }
        var lengths = [Int32]()
        lengths.reserveCapacity(parameters.count)
        for (index, parameter) in parameters.enumerated() {
            lengths.append(try PostgresConnection.wireLength(ofParameter: index, byteCount: parameter.bytes?.count ?? 0))
        }
        var values = [UnsafePointer<CChar>?]()
        var buffers = [UnsafeMutablePointer<UInt8>]()
        for parameter in parameters {
            guard let bytes = parameter.bytes else {
                values.append(nil)
                continue
            }
            // Text values must be NUL-terminated; binary ones get a harmless terminator too.
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count + 1)
            buffer.initialize(from: bytes, count: bytes.count)
            buffer[bytes.count] = 0
            buffers.append(buffer)
            values.append(UnsafeRawPointer(buffer).assumingMemoryBound(to: CChar.self))
        }
        self.count = Int32(parameters.count)
        self.types = parameters.map { Oid($0.type.oid) }
        self.values = values
        self.lengths = lengths
        self.formats = parameters.map(\.format.rawValue)
        self.buffers = buffers
    }

    deinit {
        buffers.forEach { $0.deallocate() }
    }
}
