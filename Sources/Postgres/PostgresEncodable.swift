import Foundation

/// A Swift value that can be bound to a `$n` parameter.
public protocol PostgresEncodable: Sendable {
    /// The value as sent to the server.
    func postgresParameter() throws(PostgresError) -> PostgresParameter
}

/// Types usable as elements of `[Element]` parameters and columns (PostgreSQL arrays).
public protocol PostgresArrayElement: PostgresEncodable, PostgresDecodable {}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        switch self {
        case .none: .null
        case .some(let value): try value.postgresParameter()
        }
    }
}

extension String: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(self)
    }
}

extension Int: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(String(self))
    }
}

extension Int32: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(String(self))
    }
}

extension Int64: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(String(self))
    }
}

extension Double: PostgresArrayElement {
    /// Shortest text that reads back as the same `Double`; `NaN`, `Infinity`, `-Infinity`.
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        if isNaN { return try .text("NaN") }
        if isInfinite { return try .text(self < 0 ? "-Infinity" : "Infinity") }
        return try .text(String(self))
    }
}

extension Bool: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(self ? "t" : "f")
    }
}

extension Date: PostgresArrayElement {
    /// `timestamptz` text in UTC with microseconds: `2026-11-21 18:30:05.123456+00`. Throws
    /// `PostgresError.server(sqlState: "22008", …)` for a Date that is NaN, infinite or outside
    /// PostgreSQL's range (4714 BC … 294276 AD).
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(PostgresTimestamp.format(self))
    }
}

extension CalendarDate: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(description)
    }
}

extension TimeOfDay: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(fullDescription)
    }
}

extension UUID: PostgresArrayElement {
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        try .text(uuidString.lowercased())
    }
}

extension Data: PostgresEncodable {
    /// Sent in binary as `bytea`.
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        .binary([UInt8](self), type: .bytea)
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// An array literal in text form; its type is left for the server to infer
    /// (`= ANY($1)` works; write `$1::text[]` where the context does not tell).
    public func postgresParameter() throws(PostgresError) -> PostgresParameter {
        var texts = [String]()
        texts.reserveCapacity(count)
        for element in self {
            let parameter = try element.postgresParameter()
            guard let bytes = parameter.bytes, parameter.format == .text else {
                throw PostgresError.server(sqlState: "22004", message: "array parameters cannot contain NULL or binary elements")
            }
            texts.append(String(decoding: bytes, as: UTF8.self))
        }
        return try .text(PostgresArrayLiteral.encode(texts))
    }
}
