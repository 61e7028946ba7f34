/// A parameter as sent to the server (`PQexecPrepared`, `PQexecParams`): bytes (nil for NULL), their format and type.
public struct PostgresParameter: Sendable, Equatable {
    public enum Format: Int32, Sendable {
        case text = 0
        case binary = 1
    }

    /// `nil` is SQL NULL.
    public let bytes: [UInt8]?
    public let format: Format
    /// The parameter's type; ``PostgresDataType/unspecified`` lets the server infer it from the statement.
    public let type: PostgresDataType

    public static let null = PostgresParameter(bytes: nil, format: .text, type: .unspecified)

    /// A value in PostgreSQL's text form. Throws when `string` contains U+0000: PostgreSQL text cannot
    /// hold it (the error is `PostgresError.server(sqlState: "22021", …)`, as the server would report).
    public static func text(_ string: String, type: PostgresDataType = .unspecified) throws(PostgresError) -> PostgresParameter {
        let bytes = Array(string.utf8)
        guard !bytes.contains(0) else {
            throw PostgresError.server(
                sqlState: "22021",
                message: "a string parameter contains U+0000 (NUL), which PostgreSQL text cannot store"
            )
        }
        return PostgresParameter(bytes: bytes, format: .text, type: type)
    }

    /// A value in PostgreSQL's binary form; `type` must be given.
    public static func binary(_ bytes: [UInt8], type: PostgresDataType) -> PostgresParameter {
        PostgresParameter(bytes: bytes, format: .binary, type: type)
    }
}
