import Foundation
import NIOCore
import Postgres

/// A value the API writes as JSON by hand, in its declared key order (every key, `null` included), rather
/// than through `JSONEncoder`: its generic path took over a quarter of the server's time on a list of 50
/// lessons. `Encodable` stays the reference the tests compare with.
protocol JSONWritable: Encodable {
    func write(to json: inout JSONWriter)
}

/// JSON written straight into the bytes that become the response's body: keys and punctuation from static
/// strings, numbers and times as digits in place, strings (RFC 8259) with `"` and `\` escaped and control
/// characters as `\b`, `\f`, `\n`, `\r`, `\t` or `\u00xx`, everything else as it is (UTF-8, `/` unescaped; `JSONEncoder`
/// would write `\/`, which parses to the same): byte for byte as PostgreSQL's `to_json` escapes, so a roster
/// PostgreSQL wrote (``json(_:)``) reads as the rest. Escaping works on bytes: no byte of a multi-byte UTF-8
/// character is below 0x80.
struct JSONWriter {
    /// The bytes so far. An array rather than a `ByteBuffer` written piece by piece: NIO's run-time exclusivity
    /// checks and capacity checks on every write were 8 % of the API list's server time; one copy at the end is not.
    private var bytes: [UInt8]

    init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// What was written, as a response body.
    var buffer: ByteBuffer { ByteBuffer(bytes: bytes) }

    /// Punctuation and keys, as written.
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// JSON that is already written, such as a lesson's roster as PostgreSQL keeps it, copied as it is.
    mutating func json(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: Int) {
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits = 1
        while magnitude >= 10 {
            digits += 1
            magnitude /= 10
        }
        let end = bytes.count + digits
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digits))
        magnitude = value.magnitude
        for position in stride(from: end - 1, through: end - digits, by: -1) {
            bytes[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        }
    }

    /// A string, or `null`.
    mutating func string(_ value: String?) {
        guard var value else { return raw("null") }
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { text in
            guard text.contains(where: Self.needsEscape) else {
                bytes.append(contentsOf: text)
                return
            }
            var start = 0
            for (index, byte) in text.enumerated() where Self.needsEscape(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<index]))
                switch byte {
                case UInt8(ascii: "\""): raw(#"\""#)
                case UInt8(ascii: "\\"): raw(#"\\"#)
                case 0x08: raw(#"\b"#)
                case 0x0C: raw(#"\f"#)
                case UInt8(ascii: "\n"): raw(#"\n"#)
                case UInt8(ascii: "\r"): raw(#"\r"#)
                case UInt8(ascii: "\t"): raw(#"\t"#)
                default:
                    raw(#"\u00"#)
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0xF)])
                }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// An instant as an RFC 3339 string with `timeZone`'s offset at that instant, or `null`.
    mutating func time(_ date: Date?, _ timeZone: TimeZone) {
        guard let date else { return raw("null") }
        withUnsafeTemporaryAllocation(byteCount: RFC3339.length + 2, alignment: 1) { scratch in
            scratch[0] = UInt8(ascii: "\"")
            let length = RFC3339.write(date, timeZone, into: UnsafeMutableRawBufferPointer(rebasing: scratch[1...]))
            scratch[length + 1] = UInt8(ascii: "\"")
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[..<(length + 2)]))
        }
    }

    /// `[…]`, the values written in order.
    mutating func array(_ values: [some JSONWritable]) {
        raw("[")
        for (index, value) in values.enumerated() {
            if index > 0 { raw(",") }
            value.write(to: &self)
        }
        raw("]")
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}

/// `2026-12-07T10:00:00+03:00`: an instant on a time zone's clock, with that zone's offset at that instant.
enum RFC3339 {
    static let length = 25

    static func string(_ date: Date, _ timeZone: TimeZone) -> String {
        String(unsafeUninitializedCapacity: length) { buffer in write(date, timeZone, into: UnsafeMutableRawBufferPointer(buffer)) }
    }

    /// Writes the 25 bytes at the start of `bytes`; returns 25.
    static func write(_ date: Date, _ timeZone: TimeZone, into bytes: UnsafeMutableRawBufferPointer) -> Int {
        // The time zone asked for its offset once, not twice (a list of 50 lessons writes 200 times).
        let offset = timeZone.secondsFromGMT(for: date)
        guard let (day, clock) = CalendarDate.split(date, offset: offset) else {
            preconditionFailure("the clock is outside the years 1…9999: \(date)")
        }
        let hours = abs(offset) / 3600
        let minutes = abs(offset) % 3600 / 60
        // Written in place: interpolating eleven small strings was a tenth of the list's server time
        // (`String(format:)`, before that, a fifth).
        var index = 0
        func put(_ value: Int, _ digits: Int) {
            var rest = value
            for position in (index..<index + digits).reversed() {
                bytes[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            index += digits
        }
        func put(_ character: Unicode.Scalar) {
            bytes[index] = UInt8(ascii: character)
            index += 1
        }
        put(day.year, 4); put("-"); put(day.month, 2); put("-"); put(day.day, 2); put("T")
        put(clock.hour, 2); put(":"); put(clock.minute, 2); put(":"); put(clock.second, 2)
        put(offset < 0 ? "-" : "+"); put(hours, 2); put(":"); put(minutes, 2)
        return index
    }
}
