import Foundation

/// A Swift type that can be read from a result column (results are in PostgreSQL's text format).
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value from its text form. `type` is the column's type; throw
    /// ``PostgresDecodingFailure`` when it does not fit.
    init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure)

    /// Decodes a non-NULL value from the bytes of its text form, as a result holds them. The default makes
    /// a `String` of them for ``init(postgresText:type:)``; the common types read the bytes themselves.
    init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure)

    /// The value for SQL NULL. The default throws: only `Optional` accepts NULL.
    static func postgresNull() throws(PostgresDecodingFailure) -> Self
}

extension PostgresDecodable {
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        try self.init(postgresText: String(decoding: bytes, as: UTF8.self), type: type)
    }

    public static func postgresNull() throws(PostgresDecodingFailure) -> Self {
        throw PostgresDecodingFailure("is NULL, but \(Self.self) is not optional")
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = .some(try Wrapped(postgresText: text, type: type))
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = .some(try Wrapped(postgresBytes: bytes, type: type))
    }

    public static func postgresNull() -> Self { .none }
}

extension String: PostgresDecodable {
    /// Any type but `bytea` (whose text form is hex): text, varchar, enums, uuid, json…
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type != .bytea else { throw .typeMismatch(type, String.self) }
        self = text
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type != .bytea else { throw .typeMismatch(type, String.self) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}

extension FixedWidthInteger where Self: PostgresDecodable {
    /// From `int2`/`int4`/`int8`, and from `numeric` when it has no fractional part.
    static func decodeInteger(_ text: String, type: PostgresDataType) throws(PostgresDecodingFailure) -> Self {
        var digits = Substring(text)
        if type == .numeric, let dot = digits.firstIndex(of: ".") {
            guard digits[digits.index(after: dot)...].allSatisfy({ $0 == "0" }) else {
                throw PostgresDecodingFailure("numeric \(text) has a fractional part and cannot be decoded as \(Self.self)")
            }
            digits = digits[..<dot]
        } else if !type.isInteger, type != .numeric {
            throw .typeMismatch(type, Self.self)
        }
        guard let value = Self(digits) else {
            throw PostgresDecodingFailure("\(text) is out of range for \(Self.self)")
        }
        return value
    }

    /// An integer column's digits read in place; `numeric` and anything unusual go the way of the text.
    static func decodeInteger(_ bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) -> Self {
        guard type.isInteger, let first = bytes.first else {
            return try decodeInteger(String(decoding: bytes, as: UTF8.self), type: type)
        }
        let negative = first == UInt8(ascii: "-")
        var value: Self = 0
        var overflow = bytes.count == (negative ? 1 : 0)
        for byte in bytes.dropFirst(negative ? 1 : 0) where !overflow {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { overflow = true; break }
            let digit = Self(byte - UInt8(ascii: "0"))
            let (shifted, shiftOverflow) = value.multipliedReportingOverflow(by: 10)
            let (next, addOverflow) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            overflow = shiftOverflow || addOverflow
            value = next
        }
        guard !overflow else { return try decodeInteger(String(decoding: bytes, as: UTF8.self), type: type) }
        return value
    }
}

extension Int: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = try Self.decodeInteger(text, type: type)
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int32: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = try Self.decodeInteger(text, type: type)
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Int64: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = try Self.decodeInteger(text, type: type)
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        self = try Self.decodeInteger(bytes, type: type)
    }
}

extension Double: PostgresDecodable {
    /// From `float4`, `float8`, `numeric` and the integer types (`NaN`, `Infinity` included).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .float8 || type == .float4 || type == .numeric || type.isInteger else {
            throw .typeMismatch(type, Double.self)
        }
        guard let value = Double(text) else { throw .malformed(text, Double.self) }
        self = value
    }

    /// Plain decimals (`-12.5`, `40`, at most 15 digits, leading zeros counted) read in place: the digits are
    /// an integer below 2⁵³ and the power of ten exact, so one division gives the correctly rounded value, as
    /// `Double(String)` would. Exponents, `NaN`, `Infinity` and longer numbers go the way of the text.
    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        if type == .float8 || type == .float4 || type == .numeric, let value = Self.plainDecimal(bytes) {
            self = value
        } else {
            try self.init(postgresText: String(decoding: bytes, as: UTF8.self), type: type)
        }
    }

    private static let exactPowersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { value, _ in value * 10 } }

    static func plainDecimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
        guard let first = bytes.first else { return nil }
        let negative = first == UInt8(ascii: "-")
        var mantissa: UInt64 = 0
        var digits = 0, decimals = 0
        var seenDot = false
        for byte in bytes.dropFirst(negative ? 1 : 0) {
            if byte == UInt8(ascii: "."), !seenDot {
                seenDot = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
            digits += 1
            if seenDot { decimals += 1 }
            guard digits <= 15 else { return nil }
        }
        guard digits > 0 else { return nil }
        let magnitude = Double(mantissa) / exactPowersOfTen[decimals]
        return negative ? -magnitude : magnitude
    }
}

extension Bool: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .bool else { throw .typeMismatch(type, Bool.self) }
        switch text {
        case "t": self = true
        case "f": self = false
        default: throw .malformed(text, Bool.self)
        }
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .bool, bytes.count == 1 else { self = try Self(postgresText: String(decoding: bytes, as: UTF8.self), type: type); return }
        switch bytes[0] {
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default: throw .malformed(String(decoding: bytes, as: UTF8.self), Bool.self)
        }
    }
}

extension Date: PostgresDecodable {
    /// From `timestamptz` (and `timestamp`, read as UTC), keeping microseconds.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .timestamptz || type == .timestamp else { throw .typeMismatch(type, Date.self) }
        self = try PostgresTimestamp.parse(text)
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .timestamptz || type == .timestamp else { throw .typeMismatch(type, Date.self) }
        self = try PostgresTimestamp.parse(bytes)
    }
}

extension CalendarDate: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .date else { throw .typeMismatch(type, CalendarDate.self) }
        guard let date = CalendarDate(text) else { throw .malformed(text, CalendarDate.self) }
        self = date
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .date else { throw .typeMismatch(type, CalendarDate.self) }
        guard let date = CalendarDate(isoBytes: bytes) else { throw .malformed(String(decoding: bytes, as: UTF8.self), CalendarDate.self) }
        self = date
    }
}

extension TimeOfDay: PostgresDecodable {
    /// From `time`; fractional seconds are dropped.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .time else { throw .typeMismatch(type, TimeOfDay.self) }
        guard let time = TimeOfDay(text) else { throw .malformed(text, TimeOfDay.self) }
        self = time
    }

    public init(postgresBytes bytes: UnsafeRawBufferPointer, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .time else { throw .typeMismatch(type, TimeOfDay.self) }
        guard let time = TimeOfDay(utf8: bytes) else { throw .malformed(String(decoding: bytes, as: UTF8.self), TimeOfDay.self) }
        self = time
    }
}

extension UUID: PostgresDecodable {
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .uuid || type.isCharacterString else { throw .typeMismatch(type, UUID.self) }
        guard let uuid = UUID(uuidString: text) else { throw .malformed(text, UUID.self) }
        self = uuid
    }
}

extension Data: PostgresDecodable {
    /// From `bytea` in hex output (`\x0aff…`).
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard type == .bytea else { throw .typeMismatch(type, Data.self) }
        let hex = Array(text.utf8)
        guard hex.count % 2 == 0, hex.starts(with: [UInt8(ascii: "\\"), UInt8(ascii: "x")]) else {
            throw PostgresDecodingFailure("bytea is not in hex format (set bytea_output = 'hex')")
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2 - 1)
        var index = 2
        while index < hex.count {
            guard let high = Self.nibble(hex[index]), let low = Self.nibble(hex[index + 1]) else {
                throw PostgresDecodingFailure("bytea contains a non-hex digit")
            }
            bytes.append(high << 4 | low)
            index += 2
        }
        self = Data(bytes)
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// From a one-dimensional PostgreSQL array; NULL elements are rejected.
    public init(postgresText text: String, type: PostgresDataType) throws(PostgresDecodingFailure) {
        guard let elementType = PostgresArrayLiteral.elementType(ofArray: type) else {
            throw .typeMismatch(type, [Element].self)
        }
        var elements = [Element]()
        for (index, element) in try PostgresArrayLiteral.parse(text).enumerated() {
            guard let element else {
                throw PostgresDecodingFailure("element \(index + 1) is NULL, but \(Element.self) is not optional")
            }
            do throws(PostgresDecodingFailure) {
                elements.append(try Element(postgresText: element, type: elementType))
            } catch {
                throw PostgresDecodingFailure("element \(index + 1): \(error.reason)")
            }
        }
        self = elements
    }
}
