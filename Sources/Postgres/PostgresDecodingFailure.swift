/// Thrown by ``PostgresDecodable`` conformances; ``PostgresRow/decode(_:as:)`` turns it into
/// ``PostgresError/decoding(column:reason:)`` naming the column.
public struct PostgresDecodingFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }

    static func typeMismatch(_ type: PostgresDataType, _ swiftType: Any.Type) -> PostgresDecodingFailure {
        PostgresDecodingFailure("cannot decode a \(type) value as \(swiftType)")
    }

    static func malformed(_ text: String, _ swiftType: Any.Type) -> PostgresDecodingFailure {
        let shown = text.count > 60 ? String(text.prefix(60)) + "…" : text
        return PostgresDecodingFailure("\"\(shown)\" is not a valid \(swiftType)")
    }
}
