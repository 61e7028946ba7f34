/// A wall-clock time without a date or a time zone — PostgreSQL's `time`, to the second.
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// `nil` unless 0…23, 0…59, 0…59.
    public init?(hour: Int, minute: Int, second: Int = 0) {
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Parses `HH:MM` or `HH:MM:SS`; fractional seconds (`HH:MM:SS.ffffff`, as PostgreSQL and
    /// HTML time inputs with a step may send) are accepted and dropped.
    public init?(_ text: String) {
        var text = text
        guard let time = text.withUTF8({ Self(utf8: UnsafeRawBufferPointer($0)) }) else { return nil }
        self = time
    }

    /// ``init(_:)`` over UTF-8 bytes.
    init?(utf8 bytes: UnsafeRawBufferPointer) {
        var count = bytes.count
        if count > 8, bytes[8] == UInt8(ascii: ".") {
            let fraction = bytes[9...]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
                return nil
            }
            count = 8
        }
        guard count == 5 || count == 8, bytes[2] == UInt8(ascii: ":"),
              let hour = CalendarDate.number(bytes[0..<2]), let minute = CalendarDate.number(bytes[3..<5])
        else { return nil }
        var second = 0
        if count == 8 {
            guard bytes[5] == UInt8(ascii: ":"), let parsed = CalendarDate.number(bytes[6..<8]) else { return nil }
            second = parsed
        }
        self.init(hour: hour, minute: minute, second: second)
    }

    /// Seconds since midnight (0…86 399).
    public var secondsSinceMidnight: Int {
        hour * 3600 + minute * 60 + second
    }

    /// `HH:MM` when `second == 0`, else `HH:MM:SS`.
    public var description: String {
        let hourMinute = ProlepticGregorian.padded(hour, 2) + ":" + ProlepticGregorian.padded(minute, 2)
        return second == 0 ? hourMinute : hourMinute + ":" + ProlepticGregorian.padded(second, 2)
    }

    /// `HH:MM:SS`, always with seconds.
    var fullDescription: String {
        ProlepticGregorian.padded(hour, 2) + ":" + ProlepticGregorian.padded(minute, 2) + ":"
            + ProlepticGregorian.padded(second, 2)
    }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool {
        lhs.secondsSinceMidnight < rhs.secondsSinceMidnight
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an HH:MM[:SS] time: \(text)")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
