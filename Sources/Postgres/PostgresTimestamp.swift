import Foundation

/// The text form of `timestamptz` values, as sent (always UTC, microseconds) and as received
/// (ISO `DateStyle`, any offset, optional ` BC`).
enum PostgresTimestamp {
    /// PostgreSQL's range for `timestamp` and `timestamptz` in seconds since 1970: from
    /// 4714-11-24 00:00:00 BC (Julian day 0) up to, not including, 294277-01-01 00:00:00.
    static let minimumSeconds: Int64 = -210_866_803_200
    static let endSeconds: Int64 = 9_224_318_016_000

    /// `2026-11-21 18:30:05.123456+00`. Throws `PostgresError.server(sqlState: "22008", …)` (as the server
    /// would) for a Date that is not finite or lies outside PostgreSQL's range.
    static func format(_ date: Date) throws(PostgresError) -> String {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite else {
            throw PostgresError.server(
                sqlState: "22008",
                message: "a Date of \(seconds) seconds since 1970 cannot be sent as timestamptz"
            )
        }
        let outOfRange = PostgresError.server(
            sqlState: "22008",
            message: "a Date of \(seconds) seconds since 1970 is outside PostgreSQL's timestamptz range (4714-11-24 BC … 294276-12-31 AD)"
        )
        // Compared as Double first, so the conversions below cannot overflow.
        guard seconds >= Double(minimumSeconds), seconds < Double(endSeconds) else { throw outOfRange }
        // Whole seconds and microseconds apart: microseconds since 1970 overflow Int64 near the end of the range.
        let wholeSeconds = seconds.rounded(.down)
        var micros = Int64(((seconds - wholeSeconds) * 1_000_000).rounded())
        var totalSeconds = Int64(wholeSeconds)
        if micros == 1_000_000 {
            micros = 0
            totalSeconds += 1
        }
        guard totalSeconds < endSeconds else { throw outOfRange }
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 {
            days -= 1
            secondOfDay += 86_400
        }
        let civil = ProlepticGregorian.civil(daysSinceEpoch: Int(days))
        let year = civil.year <= 0 ? 1 - civil.year : civil.year
        return ProlepticGregorian.padded(year, 4) + "-" + ProlepticGregorian.padded(civil.month, 2) + "-"
            + ProlepticGregorian.padded(civil.day, 2) + " "
            + ProlepticGregorian.padded(Int(secondOfDay / 3600), 2) + ":"
            + ProlepticGregorian.padded(Int(secondOfDay / 60 % 60), 2) + ":"
            + ProlepticGregorian.padded(Int(secondOfDay % 60), 2) + "."
            + ProlepticGregorian.padded(Int(micros), 6) + "+00" + (civil.year <= 0 ? " BC" : "")
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.ffffff][±HH[:MM[:SS]]][ BC]`; a missing offset means UTC.
    /// Throws for malformed text, `infinity` and instants outside PostgreSQL's range.
    static func parse(_ text: String) throws(PostgresDecodingFailure) -> Date {
        var text = text
        return try text.withUTF8 { utf8 in Result { () throws(PostgresDecodingFailure) in try parse(UnsafeRawBufferPointer(utf8)) } }.get()
    }

    /// ``parse(_:)`` over the text's UTF-8 bytes, read in place.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(PostgresDecodingFailure) -> Date {
        var scanner = Scanner(bytes)
        var text: String { String(decoding: bytes, as: UTF8.self) }
        guard !bytes.elementsEqual("infinity".utf8), !bytes.elementsEqual("-infinity".utf8) else {
            throw PostgresDecodingFailure("\(text) cannot be represented as a Date")
        }
        var failure: PostgresDecodingFailure { PostgresDecodingFailure("not a timestamp: \(text)") }
        guard let year = scanner.digits(minimum: 4), scanner.skip("-"),
              let month = scanner.digits(exactly: 2), scanner.skip("-"),
              let day = scanner.digits(exactly: 2), scanner.skip(" ") || scanner.skip("T"),
              let hour = scanner.digits(exactly: 2), scanner.skip(":"),
              let minute = scanner.digits(exactly: 2), scanner.skip(":"),
              let second = scanner.digits(exactly: 2)
        else { throw failure }
        var micros: Int64 = 0
        if scanner.skip(".") {
            guard let fraction = scanner.fractionMicroseconds() else { throw failure }
            micros = fraction
        }
        var offsetSeconds = 0
        if let sign = scanner.sign() {
            guard let offsetHours = scanner.digits(exactly: 2) else { throw failure }
            var offset = offsetHours * 3600
            if scanner.skip(":") {
                guard let offsetMinutes = scanner.digits(exactly: 2) else { throw failure }
                offset += offsetMinutes * 60
                if scanner.skip(":") {
                    guard let offsetSecondsPart = scanner.digits(exactly: 2) else { throw failure }
                    offset += offsetSecondsPart
                }
            }
            offsetSeconds = sign * offset
        } else if scanner.skip("Z") {
            offsetSeconds = 0
        }
        let isBC = scanner.skip(" BC")
        guard scanner.isAtEnd, ProlepticGregorian.isValid(year: isBC ? 1 - year : year, month: month, day: day),
              hour <= 24, minute <= 59, second <= 60
        else { throw failure }
        let days = ProlepticGregorian.daysSinceEpoch(year: isBC ? 1 - year : year, month: month, day: day)
        var outOfRange: PostgresDecodingFailure { PostgresDecodingFailure("\(text) is outside PostgreSQL's timestamp range") }
        let (daySeconds, dayOverflow) = Int64(days).multipliedReportingOverflow(by: 86_400)
        let (secondsSinceEpoch, secondsOverflow) = daySeconds.addingReportingOverflow(
            Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        )
        guard !dayOverflow, !secondsOverflow, secondsSinceEpoch >= minimumSeconds, secondsSinceEpoch < endSeconds else {
            throw outOfRange
        }
        // Whole microseconds convert exactly; from about year 294247 on they overflow Int64, and the
        // seconds and the fraction are added as Doubles instead (a Date that far out has no
        // microsecond precision anyway).
        let (scaled, scaleOverflow) = secondsSinceEpoch.multipliedReportingOverflow(by: 1_000_000)
        let (totalMicros, totalOverflow) = scaled.addingReportingOverflow(micros)
        if scaleOverflow || totalOverflow {
            return Date(timeIntervalSince1970: Double(secondsSinceEpoch) + Double(micros) / 1_000_000)
        }
        return Date(timeIntervalSince1970: Double(totalMicros) / 1_000_000)
    }

    /// A cursor over ASCII bytes (valid while the buffer is).
    struct Scanner {
        let bytes: UnsafeRawBufferPointer
        var position = 0

        init(_ bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        var isAtEnd: Bool { position == bytes.count }

        /// Steps over `literal` when it comes next (compared in place: a list of 50 lessons parses 200 timestamps).
        mutating func skip(_ literal: StaticString) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard bytes.count - position >= count else { return false }
            let matches = literal.withUTF8Buffer { expected in
                expected.indices.allSatisfy { bytes[position + $0] == expected[$0] }
            }
            guard matches else { return false }
            position += count
            return true
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }

        private mutating func digitRun() -> Slice<UnsafeRawBufferPointer> {
            let start = position
            while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
                position += 1
            }
            return bytes[start..<position]
        }

        mutating func digits(exactly count: Int) -> Int? {
            let start = position
            let run = digitRun()
            guard run.count == count else {
                position = start
                return nil
            }
            return CalendarDate.number(run)
        }

        mutating func digits(minimum count: Int) -> Int? {
            let start = position
            let run = digitRun()
            guard run.count >= count, run.count <= 9 else {
                position = start
                return nil
            }
            return CalendarDate.number(run)
        }

        /// Up to six fractional digits as microseconds; further digits are rounded away.
        mutating func fractionMicroseconds() -> Int64? {
            let run = digitRun()
            guard !run.isEmpty else { return nil }
            var micros: Int64 = 0
            for (index, byte) in run.enumerated() where index < 6 {
                micros = micros * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            for _ in run.count..<max(run.count, 6) {
                micros *= 10
            }
            if run.count > 6, run[run.startIndex + 6] >= UInt8(ascii: "5") {
                micros += 1
            }
            return micros
        }
    }
}
