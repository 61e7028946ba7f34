import Foundation
@testable import Postgres
import Testing

@Suite("CalendarDate, TimeOfDay and text codecs")
struct ValueTypeTests {
    @Test func calendarDateValidation() throws {
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2023, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
        #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
    }

    @Test("a double read in place from its digits is the double Double(String) reads, or is left to it")
    func doublesFromBytes() throws {
        var generator = SystemRandomNumberGenerator()
        func read(_ text: String) throws -> Double {
            var text = text
            return try text.withUTF8 { try Double(postgresBytes: UnsafeRawBufferPointer($0), type: .float8) }
        }
        var texts = ["0", "-0", "40", "42.5", "0.1", "0.30000000000000004", "123456789012345", "1234567890123456", "1e-7", "1.5e+300",
                     "-3.14159", "NaN", "Infinity", "-Infinity", "0.0000000000000000000001", "99.99", "1000000", "00012.50"]
        for _ in 0..<20_000 {
            texts.append(String(Double.random(in: -1e6...1e6, using: &generator)))
            let digits = String(UInt64.random(in: 0...999_999_999_999_999, using: &generator))
            let dot = Int.random(in: 0...digits.count, using: &generator)
            texts.append(dot == digits.count ? digits : String(digits.prefix(dot).isEmpty ? "0" : digits.prefix(dot)) + "." + digits.dropFirst(dot))
        }
        for text in texts {
            let expected = try #require(Double(text), "\(text)")
            let value = try read(text)
            #expect(value == expected || (value.isNaN && expected.isNaN), "\(text)")
            #expect(value.sign == expected.sign || expected.isNaN, "\(text)")
        }
        #expect(Double.plainDecimal(UnsafeRawBufferPointer(start: nil, count: 0)) == nil)
        #expect(throws: PostgresDecodingFailure.self) { try read("12.5.1") }
    }

    @Test func calendarDateParsing() throws {
        let date = try #require(CalendarDate("2026-11-21"))
        #expect(date.year == 2026 && date.month == 11 && date.day == 21)
        #expect(date.description == "2026-11-21")
        #expect(CalendarDate("0005-01-02")?.description == "0005-01-02")
        #expect(CalendarDate(year: 1, month: 1, day: 1)?.description == "0001-01-01")
        #expect(CalendarDate(year: 9999, month: 12, day: 31)?.description == "9999-12-31")
        // Every day of four centuries and a half written and read back.
        let first = try #require(CalendarDate("1850-01-01")).daysSinceEpoch
        for days in stride(from: first, to: first + 165_000, by: 1) {
            let date = try #require(CalendarDate(daysSinceEpoch: days))
            #expect(CalendarDate(date.description) == date && date.description.utf8.count == 10)
        }
        for bad in ["2026-11-1", "2026-1-21", "26-11-21", "2026/11/21", "2026-11-21 ", " 2026-11-21", "2026-02-30", "2026-11-21T00:00", "", "abcd-ef-gh", "+026-11-21"] {
            #expect(CalendarDate(bad) == nil, "\(bad) must be rejected")
        }
    }

    @Test func calendarDateOrderAndCodable() throws {
        let leap = try #require(CalendarDate("2024-02-29"))
        #expect(try #require(CalendarDate("2025-12-31")) < #require(CalendarDate("2026-01-01")))
        #expect(try #require(CalendarDate("2026-01-31")) < #require(CalendarDate("2026-02-01")))
        let json = try JSONEncoder().encode([leap])
        #expect(String(decoding: json, as: UTF8.self) == #"["2024-02-29"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [leap])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2023-02-29"]"#.utf8)) }
    }

    @Test func timeOfDay() throws {
        #expect(TimeOfDay(hour: 24, minute: 0) == nil)
        #expect(TimeOfDay(hour: 23, minute: 60) == nil)
        #expect(TimeOfDay(hour: 23, minute: 59, second: 60) == nil)
        #expect(TimeOfDay("18:30")?.description == "18:30")
        #expect(TimeOfDay("18:30:05")?.description == "18:30:05")
        #expect(TimeOfDay("18:30:00")?.description == "18:30")
        #expect(TimeOfDay("18:30:05.123456") == TimeOfDay(hour: 18, minute: 30, second: 5))
        for bad in ["18", "18:3", "1830", "18:30:5", "18:30:05.", "25:00", "aa:bb", "18:30:05Z", ""] {
            #expect(TimeOfDay(bad) == nil, "\(bad) must be rejected")
        }
        #expect(try #require(TimeOfDay("08:00")) < #require(TimeOfDay("18:00")))
        let json = try JSONEncoder().encode(TimeOfDay("07:05:09"))
        #expect(try JSONDecoder().decode(TimeOfDay.self, from: json) == TimeOfDay("07:05:09"))
    }

    @Test func arrayLiterals() throws {
        let tricky = ["", "a,b", "say \"hi\"", "back\\slash", "{braces}", "NULL", " spaced ", "Ёж 🦔"]
        let literal = PostgresArrayLiteral.encode(tricky)
        #expect(try PostgresArrayLiteral.parse(literal) == tricky.map { Optional($0) })
        #expect(try PostgresArrayLiteral.parse("{}") == [])
        #expect(try PostgresArrayLiteral.parse("{1,NULL,\"NULL\"}") == ["1", nil, "NULL"])
        #expect(try PostgresArrayLiteral.parse("[0:1]={7,8}") == ["7", "8"])
        #expect(throws: PostgresDecodingFailure.self) { try PostgresArrayLiteral.parse("{{1,2},{3,4}}") }
        #expect(throws: PostgresDecodingFailure.self) { try PostgresArrayLiteral.parse("1,2") }
        #expect(throws: PostgresDecodingFailure.self) { try PostgresArrayLiteral.parse("{\"open}") }
    }

    @Test func timestamps() throws {
        let date = Date(timeIntervalSince1970: 1_763_000_000.123456)
        #expect(try PostgresTimestamp.format(date) == "2025-11-13 02:13:20.123456+00")
        #expect(try PostgresTimestamp.parse("2025-11-13 02:13:20.123456+00") == date)
        #expect(try PostgresTimestamp.parse("2025-11-13 05:13:20.123456+03") == date)
        #expect(try PostgresTimestamp.parse("2025-11-12 21:43:20.123456-04:30") == date)
        #expect(try PostgresTimestamp.parse("1970-01-01 00:00:00+00") == Date(timeIntervalSince1970: 0))
        #expect(try PostgresTimestamp.parse("1969-12-31 23:59:59.5+00") == Date(timeIntervalSince1970: -0.5))
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.500000+00")
        let bc = try PostgresTimestamp.parse("0044-03-15 12:00:00+00 BC")
        #expect(try PostgresTimestamp.format(bc) == "0044-03-15 12:00:00.000000+00 BC")
        #expect(throws: PostgresDecodingFailure.self) { try PostgresTimestamp.parse("infinity") }
        #expect(throws: PostgresDecodingFailure.self) { try PostgresTimestamp.parse("2025-11-13") }
        #expect(throws: PostgresDecodingFailure.self) { try PostgresTimestamp.parse("2025-02-30 00:00:00+00") }
    }

    @Test("timestamps up to the ends of PostgreSQL's range decode; beyond them parsing throws instead of overflowing")
    func timestampDecodingRange() throws {
        // Microseconds since 1970 overflow Int64 from about year 294247 on; PostgreSQL goes to 294276.
        let last = try PostgresTimestamp.parse("294276-12-31 23:59:59.999999+00")
        #expect(abs(last.timeIntervalSince1970 - 9_224_318_015_999.999999) < 0.01)
        let overflowing = try PostgresTimestamp.parse("294247-06-01 12:00:00.25+00")
        #expect(abs(overflowing.timeIntervalSince1970 - 9_223_384_334_400.25) < 0.01)
        #expect(try PostgresTimestamp.format(overflowing) == "294247-06-01 12:00:00.250000+00")
        let first = try PostgresTimestamp.parse("4714-11-24 00:00:00+00 BC")
        #expect(first.timeIntervalSince1970 == -210_866_803_200)
        for outside in [
            "294277-01-01 00:00:00+00",
            "294276-12-31 23:00:00-05",
            "999999999-12-31 23:59:59.999999+00",
            "999999999-12-31 23:59:59+00 BC",
            "4714-11-23 23:59:59.999999+00 BC",
        ] {
            let error = #expect(throws: PostgresDecodingFailure.self) { try PostgresTimestamp.parse(outside) }
            #expect(error?.reason.contains("outside PostgreSQL's timestamp range") == true, "\(outside): \(String(describing: error))")
        }
    }

    @Test("Dates that are NaN, infinite or outside PostgreSQL's range throw 22008 instead of trapping")
    func timestampEncodingRange() throws {
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: -210_866_803_200)) == "4714-11-24 00:00:00.000000+00 BC")
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: 9_224_318_015_999)) == "294276-12-31 23:59:59.000000+00")
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: 9_224_318_015_999.5)) == "294276-12-31 23:59:59.500000+00")
        // A fraction that rounds up to the next second carries over.
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: 0.9999996)) == "1970-01-01 00:00:01.000000+00")
        #expect(try PostgresTimestamp.format(Date(timeIntervalSince1970: -0.0000004)) == "1970-01-01 00:00:00.000000+00")
        let bad: [Double] = [
            .nan, .infinity, -.infinity, 9_224_318_016_000, 9_224_318_015_999.9999999, -210_866_803_200.5,
            1e300, -1e300, Double.greatestFiniteMagnitude, 9.3e18,
        ]
        for seconds in bad {
            let date = Date(timeIntervalSince1970: seconds)
            let error = #expect(throws: PostgresError.self, "\(seconds)") { try date.postgresParameter() }
            guard case .server(let sqlState, let message)? = error else {
                Issue.record("expected PostgresError.server for \(seconds), got \(String(describing: error))")
                continue
            }
            #expect(sqlState == "22008")
            #expect(message.contains("timestamptz"), "\(message)")
        }
    }

    @Test("day arithmetic, long fractions and huge parameters return nil or throw instead of overflowing")
    func noOverflowTraps() throws {
        let date = try #require(CalendarDate("2026-11-21"))
        #expect(date.adding(days: Int.max) == nil)
        #expect(date.adding(days: Int.min) == nil)
        #expect(date.adding(days: 10) == CalendarDate("2026-12-01"))
        #expect(CalendarDate(daysSinceEpoch: Int.max) == nil)
        #expect(CalendarDate(daysSinceEpoch: Int.min) == nil)
        #expect(CalendarDate(daysSinceEpoch: 2_932_896) == CalendarDate("9999-12-31"))
        #expect(CalendarDate(daysSinceEpoch: 2_932_897) == nil)
        #expect(CalendarDate(daysSinceEpoch: -719_162) == CalendarDate("0001-01-01"))
        #expect(CalendarDate(daysSinceEpoch: -719_163) == nil)

        #expect(TimeOfDay("18:30:05." + String(repeating: "9", count: 40)) == TimeOfDay(hour: 18, minute: 30, second: 5))
        #expect(CalendarDate.number(Array(String(repeating: "9", count: 40).utf8)[...]) == nil)
        #expect(CalendarDate.number(Array("9223372036854775807".utf8)[...]) == Int.max)
        #expect(CalendarDate.number(Array("9223372036854775808".utf8)[...]) == nil)

        #expect(try PostgresConnection.wireLength(ofParameter: 0, byteCount: 12) == 12)
        #expect(try PostgresConnection.wireLength(ofParameter: 0, byteCount: Int(Int32.max)) == Int32.max)
        let error = #expect(throws: PostgresError.self) {
            try PostgresConnection.wireLength(ofParameter: 2, byteCount: Int(Int32.max) + 1)
        }
        guard case .server(let sqlState, let message)? = error else {
            Issue.record("expected PostgresError.server, got \(String(describing: error))")
            return
        }
        #expect(sqlState == "54000")
        #expect(message.contains("$3"), "\(message)")
    }

    @Test func errorClassification() {
        #expect(PostgresError.connectionFailed("x").isConnectionProblem)
        #expect(PostgresError.connectionLost("x").isConnectionProblem)
        #expect(PostgresError.shutDown.isConnectionProblem)
        #expect(!PostgresError.poolTimeout.isConnectionProblem)
        #expect(PostgresError.server(sqlState: "08006", message: "x").isConnectionProblem)
        #expect(PostgresError.server(sqlState: "57P01", message: "x").isConnectionProblem)
        #expect(PostgresError.server(sqlState: "57P03", message: "x").isConnectionProblem)
        #expect(!PostgresError.server(sqlState: "42601", message: "x").isConnectionProblem)
        #expect(!PostgresError.uniqueViolation(constraint: nil, detail: nil).isConnectionProblem)
        #expect(PostgresError(sqlState: "23505", message: "m", detail: "d", constraint: "c") == .uniqueViolation(constraint: "c", detail: "d"))
        #expect(PostgresError(sqlState: "40001", message: "m").sqlState == "40001")
        #expect(PostgresError(sqlState: "42P01", message: "m") == .server(sqlState: "42P01", message: "m"))
        #expect(PostgresError.poolTimeout.sqlState == nil)
    }
}
