import Foundation
import Postgres
import TestSupport
import Testing

/// Every supported type goes to the server as a parameter and comes back equal.
@Suite("Round trips")
struct RoundTripTests {
    /// `SELECT $1::<type> AS v`, decoded as `T`.
    static func echo<T: PostgresEncodable & PostgresDecodable & Equatable>(
        _ client: PostgresClient, _ value: T, as type: String
    ) async throws -> T {
        try await client.query("SELECT $1::\(type) AS v", [value])[0].decode("v", as: T.self)
    }

    @Test func scalars() async throws {
        try await TestDatabase.withClient { client in
            for string in ["", "plain", "Привет, мир", "emoji 👩‍👩‍👧 🏳️‍🌈", "quote ' \" \\ backslash", "tab\tnew\nline", String(repeating: "long ", count: 5000)] {
                #expect(try await Self.echo(client, string, as: "text") == string)
            }
            for int in [0, 1, -1, Int.max, Int.min, 2_147_483_648] {
                #expect(try await Self.echo(client, int, as: "int8") == int)
            }
            for int in [Int64.max, Int64.min, -42] {
                #expect(try await Self.echo(client, int, as: "int8") == int)
            }
            for int in [Int32.max, Int32.min, 0] {
                #expect(try await Self.echo(client, int, as: "int4") == int)
            }
            for double in [0.0, -2.5, 0.1, Double.pi, 1e-300, 1.7976931348623157e308, -0.000123456789012345, .infinity, -.infinity] {
                #expect(try await Self.echo(client, double, as: "float8") == double)
            }
            let nan = try await client.query("SELECT $1::float8 AS v", [Double.nan])[0].decode("v", as: Double.self)
            #expect(nan.isNaN)
            #expect(try await Self.echo(client, true, as: "bool") == true)
            #expect(try await Self.echo(client, false, as: "bool") == false)
            let uuid = UUID()
            #expect(try await Self.echo(client, uuid, as: "uuid") == uuid)
        }
    }

    @Test func datesAndTimes() async throws {
        try await TestDatabase.withClient { client in
            let withMicroseconds = Date(timeIntervalSince1970: 1_763_000_000.123456)
            #expect(try await Self.echo(client, withMicroseconds, as: "timestamptz") == withMicroseconds)
            let text = try await client.query("SELECT $1::timestamptz::text AS t", [withMicroseconds])[0].decode("t", as: String.self)
            #expect(text == "2025-11-13 02:13:20.123456+00")
            let beforeEpoch = Date(timeIntervalSince1970: -86_400 * 365 * 30 - 0.000001)
            #expect(try await Self.echo(client, beforeEpoch, as: "timestamptz") == beforeEpoch)
            let now = Date()
            let nowBack = try await Self.echo(client, now, as: "timestamptz")
            #expect(abs(nowBack.timeIntervalSince(now)) < 0.000_001)
            // A value the server computes in another zone still decodes to the same instant.
            let fromZone = try await client.query(
                "SELECT '2026-11-21 18:30:05.5+03'::timestamptz AS v"
            )[0].decode("v", as: Date.self)
            #expect(fromZone == Date(timeIntervalSince1970: 1_795_275_005.5))

            for iso in ["2024-02-29", "2026-11-21", "0001-01-01", "9999-12-31", "2000-02-29"] {
                let date = try #require(CalendarDate(iso))
                #expect(try await Self.echo(client, date, as: "date") == date)
            }
            for text in ["00:00", "18:30", "23:59:59", "07:05:09"] {
                let time = try #require(TimeOfDay(text))
                #expect(try await Self.echo(client, time, as: "time") == time)
            }
            let fractional = try await client.query("SELECT '18:30:05.987654'::time AS t")[0].decode("t", as: TimeOfDay.self)
            #expect(fractional == TimeOfDay(hour: 18, minute: 30, second: 5))
        }
    }

    @Test("timestamps at the ends of PostgreSQL's range round-trip; an unsendable Date fails only its own query")
    func timestampExtremes() async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            let row = try await client.query(
                "SELECT '294276-12-31 23:59:59+00'::timestamptz AS last, '4714-11-24 00:00:00+00 BC'::timestamptz AS first"
            )[0]
            let last = try row.decode("last", as: Date.self)
            #expect(last == Date(timeIntervalSince1970: 9_224_318_015_999))
            let first = try row.decode("first", as: Date.self)
            #expect(first == Date(timeIntervalSince1970: -210_866_803_200))
            let texts = try await client.query(
                "SELECT $1::timestamptz::text AS last, $2::timestamptz::text AS first", [last, first]
            )[0]
            #expect(try texts.decode("last", as: String.self) == "294276-12-31 23:59:59+00")
            #expect(try texts.decode("first", as: String.self) == "4714-11-24 00:00:00+00 BC")
            for seconds in [Double.nan, .infinity, -.infinity, 1e15, -1e15] {
                let error = await #expect(throws: PostgresError.self) {
                    try await client.query("SELECT $1::timestamptz", [Date(timeIntervalSince1970: seconds)])
                }
                #expect(error?.sqlState == "22008", "\(seconds): \(String(describing: error))")
            }
            #expect(try await client.query("SELECT 1 AS n")[0].decode("n", as: Int.self) == 1)
        }
    }

    @Test func byteaIsSentBinaryAndReadBackFromHex() async throws {
        try await TestDatabase.withClient { client in
            let tricky = Data([0x00, 0xFF, 0x5C, 0x27, 0x22, 0x00, 0x78, 0x01])
            #expect(try await Self.echo(client, tricky, as: "bytea") == tricky)
            #expect(try await Self.echo(client, Data(), as: "bytea") == Data())
            let large = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            #expect(try await Self.echo(client, large, as: "bytea") == large)
            let length = try await client.query("SELECT length($1::bytea) AS n", [tricky])[0].decode("n", as: Int.self)
            #expect(length == tricky.count)
        }
    }

    @Test func nullsForOptionals() async throws {
        try await TestDatabase.withClient { client in
            let row = try await client.query(
                """
                SELECT $1::text AS s, $2::int8 AS i, $3::float8 AS d, $4::bool AS b, $5::timestamptz AS ts,
                       $6::date AS day, $7::time AS t, $8::uuid AS u, $9::bytea AS bytes, $10::text[] AS a,
                       $11::int4 AS i32, $12::int8 AS i64
                """,
                [String?.none, Int?.none, Double?.none, Bool?.none, Date?.none, CalendarDate?.none,
                 TimeOfDay?.none, UUID?.none, Data?.none, [String]?.none, Int32?.none, Int64?.none]
            )[0]
            #expect(try row.decode("s", as: String?.self) == nil)
            #expect(try row.decode("i", as: Int?.self) == nil)
            #expect(try row.decode("d", as: Double?.self) == nil)
            #expect(try row.decode("b", as: Bool?.self) == nil)
            #expect(try row.decode("ts", as: Date?.self) == nil)
            #expect(try row.decode("day", as: CalendarDate?.self) == nil)
            #expect(try row.decode("t", as: TimeOfDay?.self) == nil)
            #expect(try row.decode("u", as: UUID?.self) == nil)
            #expect(try row.decode("bytes", as: Data?.self) == nil)
            #expect(try row.decode("a", as: [String]?.self) == nil)
            #expect(try row.decode("i32", as: Int32?.self) == nil)
            #expect(try row.decode("i64", as: Int64?.self) == nil)
            #expect(row.isNull("s"))

            let some: String? = "present"
            let value = try await client.query("SELECT $1::text AS s", [some])[0].decode("s", as: String?.self)
            #expect(value == "present")
        }
    }

    @Test func arrays() async throws {
        try await TestDatabase.withClient { client in
            let strings = ["", "a,b", "say \"hi\"", "back\\slash", "{braces}", "NULL", "null", " spaced ", "Ёж 🦔", "'; --"]
            #expect(try await Self.echo(client, strings, as: "text[]") == strings)
            #expect(try await Self.echo(client, [String](), as: "text[]") == [])
            let lengths = try await client.query("SELECT array_length($1::text[], 1) AS n, ($1::text[])[6] IS NULL AS sixth_is_null", [strings])[0]
            #expect(try lengths.decode("n", as: Int.self) == strings.count)
            #expect(try lengths.decode("sixth_is_null", as: Bool.self) == false)
            #expect(try await Self.echo(client, [1, -2, Int.max, Int.min], as: "int8[]") == [1, -2, Int.max, Int.min])
            #expect(try await Self.echo(client, [Int64.max, 0], as: "int8[]") == [Int64.max, 0])
            let uuids = [UUID(), UUID()]
            #expect(try await Self.echo(client, uuids, as: "uuid[]") == uuids)
            let dates = [try #require(CalendarDate("2024-02-29")), try #require(CalendarDate("2026-11-21"))]
            #expect(try await Self.echo(client, dates, as: "date[]") == dates)
            // Elements of int4[] decode as Int, and an untyped parameter works with = ANY($1).
            #expect(try await client.query("SELECT ARRAY[1, 2, 3]::int4[] AS a")[0].decode("a", as: [Int].self) == [1, 2, 3])
            let matches = try await client.query("SELECT count(*) AS n FROM generate_series(1, 10) g WHERE g = ANY($1)", [[2, 4, 99]])
            #expect(try matches[0].decode("n", as: Int.self) == 2)
            // varchar[] decodes as [String].
            #expect(try await client.query("SELECT ARRAY['x', 'y z']::varchar[] AS a")[0].decode("a", as: [String].self) == ["x", "y z"])
        }
    }

    @Test func arrayWithNullElementIsRejectedClearly() async throws {
        try await TestDatabase.withClient { client in
            let row = try await client.query("SELECT ARRAY['a', NULL]::text[] AS a")[0]
            let error = #expect(throws: PostgresError.self) { try row.decode("a", as: [String].self) }
            guard case .decoding(let column, let reason)? = error else {
                Issue.record("expected a decoding error, got \(String(describing: error))")
                return
            }
            #expect(column == "a")
            #expect(reason.contains("NULL"))
        }
    }

    @Test func flexibleDecoding() async throws {
        try await TestDatabase.withClient { client in
            try await client.executeScriptForTests("CREATE TYPE mood AS ENUM ('happy', 'sad')")
            let row = try await client.query(
                """
                SELECT 1::int2 AS small, 2::int4 AS normal, 3::int8 AS big, 42::numeric AS whole,
                       42.000::numeric(10,3) AS padded, 'v'::varchar AS vc, 'c'::char(3) AS ch, 'n'::name AS nm,
                       'happy'::mood AS md, true AS yes, 2.5::numeric AS fraction, 7::int4 AS seven
                """
            )[0]
            #expect(try row.decode("small", as: Int.self) == 1)
            #expect(try row.decode("normal", as: Int.self) == 2)
            #expect(try row.decode("big", as: Int.self) == 3)
            #expect(try row.decode("whole", as: Int.self) == 42)
            #expect(try row.decode("padded", as: Int.self) == 42)
            #expect(try row.decode("vc", as: String.self) == "v")
            #expect(try row.decode("ch", as: String.self) == "c  ")
            #expect(try row.decode("nm", as: String.self) == "n")
            #expect(try row.decode("md", as: String.self) == "happy")
            #expect(try row.decode("yes", as: Bool.self))
            #expect(try row.decode("fraction", as: Double.self) == 2.5)
            #expect(try row.decode("seven", as: Double.self) == 7)
            #expect(try row.decode("seven", as: Int32.self) == 7)
            #expect(try row.decode(at: 0, as: Int.self) == 1)
            #expect(row.columnNames.first == "small")
        }
    }

    @Test("columns are found by name among many, the first of duplicates; NULL, empty and long values keep their rows apart")
    func columnsByName() async throws {
        try await TestDatabase.withClient { client in
            // 40 columns: short, long (past a small string's 15 bytes), non-ASCII and repeated names.
            let names = (0..<36).map { $0 % 3 == 0 ? "column_with_a_long_name_\($0)" : "c\($0)" } + ["имя", "c1", "ÿ", "c1"]
            let columns = names.enumerated().map { "CASE WHEN r % 2 = 0 THEN NULL ELSE '\($0.offset)' || repeat('x', r * \($0.offset)) END AS \"\($0.element)\"" }
            let rows = try await client.query("SELECT \(columns.joined(separator: ", ")), '' AS empty, r FROM generate_series(1, 3) AS r ORDER BY r")
            #expect(rows.count == 3)
            for row in rows {
                let r: Int = try row.decode("r")
                #expect(try row.decode("empty", as: String?.self) == "")
                #expect(!row.isNull("empty"))
                for (position, name) in names.enumerated() where name != "c1" || position == 1 {
                    let expected = r % 2 == 0 ? nil : "\(position)" + String(repeating: "x", count: r * position)
                    #expect(try row.decode(name, as: String?.self) == expected, "\(name) in row \(r)")
                    #expect(row.isNull(name) == (r % 2 == 0))
                }
            }
            #expect(rows[0].columnNames.count == 42)
        }
    }

    @Test("values stored in a table come back verbatim")
    func tableRoundTrip() async throws {
        try await TestDatabase.withClient { client in
            try await client.execute(
                """
                CREATE TABLE everything (
                    id uuid PRIMARY KEY, name text NOT NULL, count int8, ratio float8, active bool,
                    at timestamptz, day date, starts time, blob bytea, tags text[], numbers int8[], days date[]
                )
                """
            )
            let id = UUID()
            let newYear = try #require(CalendarDate("2026-01-01"))
            let at = Date(timeIntervalSince1970: 1_800_000_000.000001)
            let inserted = try await client.execute(
                "INSERT INTO everything VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                [id, "Тренировка «Юниоры» 🏐", Int64(-9_000_000_000), 0.1 + 0.2, true, at,
                 CalendarDate("2028-02-29"), TimeOfDay("06:45:30"), Data([0, 255, 0]), ["a\"b", "c,d", ""],
                 [3, 1, 2], [newYear]]
            )
            #expect(inserted == 1)
            let rows = try await client.query("SELECT * FROM everything WHERE id = $1", [id])
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(try row.decode("id", as: UUID.self) == id)
            #expect(try row.decode("name", as: String.self) == "Тренировка «Юниоры» 🏐")
            #expect(try row.decode("count", as: Int64.self) == -9_000_000_000)
            #expect(try row.decode("ratio", as: Double.self) == 0.1 + 0.2)
            #expect(try row.decode("active", as: Bool.self))
            #expect(try row.decode("at", as: Date.self) == at)
            #expect(try row.decode("day", as: CalendarDate.self) == CalendarDate("2028-02-29"))
            #expect(try row.decode("starts", as: TimeOfDay.self) == TimeOfDay("06:45:30"))
            #expect(try row.decode("blob", as: Data.self) == Data([0, 255, 0]))
            #expect(try row.decode("tags", as: [String].self) == ["a\"b", "c,d", ""])
            #expect(try row.decode("numbers", as: [Int].self) == [3, 1, 2])
            #expect(try row.decode("days", as: [CalendarDate].self) == [newYear])
        }
    }

    @Test("sessions run in UTC, ISO dates, UTF-8, with the configured application name")
    func sessionSettings() async throws {
        try await TestDatabase.withClient { client in
            let row = try await client.query(
                """
                SELECT current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds,
                       current_setting('client_encoding') AS enc, current_setting('application_name') AS app
                """
            )[0]
            #expect(try row.decode("tz", as: String.self) == "UTC")
            #expect(try row.decode("ds", as: String.self).hasPrefix("ISO"))
            #expect(try row.decode("enc", as: String.self) == "UTF8")
            #expect(try row.decode("app", as: String.self) == client.configuration.applicationName)
        }
    }

    /// A row of ``jsonRows()``.
    struct Row: Encodable, Sendable {
        let n: Int
        let someText: String?
        let d: Double?
    }

    @Test("Encodable rows bound as one jsonb parameter come back through jsonb_to_recordset in order, NULLs kept, keys in snake case when asked; NaN throws 22P02")
    func jsonRows() async throws {
        try await TestDatabase.withClient { client in
            let rows = [Row(n: 3, someText: "Ёж \"quoted\" \\ {x}", d: 62.5), Row(n: 1, someText: nil, d: nil), Row(n: 2, someText: "", d: 0.1)]
            let back = try await client.query(
                """
                SELECT n, some_text, d, position FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (n int, some_text text, d float8))
                     WITH ORDINALITY AS r(n, some_text, d, position)
                ORDER BY position
                """,
                [PostgresJSON(rows, keys: .snakeCase)]
            )
            #expect(try back.map { try $0.decode("n", as: Int.self) } == [3, 1, 2])
            #expect(try back.map { try $0.decode("some_text", as: String?.self) } == rows.map(\.someText))
            #expect(try back.map { try $0.decode("d", as: Double?.self) } == [62.5, nil, 0.1])
            let declared = try await client.query("SELECT $1::jsonb -> 0 ? 'someText' AS declared", [PostgresJSON(rows)])
            #expect(try declared[0].decode("declared", as: Bool.self))
            let unsendable = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT $1::jsonb", [PostgresJSON([Row(n: 1, someText: nil, d: .nan)])])
            }
            #expect(unsendable?.sqlState == "22P02")
        }
    }

    @Test("the documented call sites compile and bind NULL")
    func callSites() async throws {
        try await TestDatabase.withClient { client in
            let db: any PostgresQueryable = client
            let result = try await db.query("SELECT $1::int8 AS a, $2::text AS b, $3::text AS c", [1, "x", nil])
            #expect(try result[0].decode("a", as: Int.self) == 1)
            #expect(try result[0].decode("b", as: String.self) == "x")
            #expect(try result[0].decode("c", as: String?.self) == nil)
            let n: Int? = nil
            let someString = "s"
            try await db.execute("CREATE TABLE t (n int8, s text)")
            let affected = try await db.execute("INSERT INTO t VALUES ($1, $2)", [n, someString])
            #expect(affected == 1)
            #expect(try await db.execute("UPDATE t SET n = 5") == 1)
            #expect(try await db.query("SELECT n FROM t")[0].decode("n", as: Int.self) == 5)
            #expect(try await db.execute("DELETE FROM t WHERE false") == 0)
            #expect(try await db.execute("CREATE INDEX ON t (n)") == 0)
            let selected = try await db.query("SELECT * FROM generate_series(1, 3)")
            #expect(selected.affectedRows == 3)
            #expect(try selected.map { try $0.decode("generate_series", as: Int.self) } == [1, 2, 3])
        }
    }
}

extension PostgresClient {
    func executeScriptForTests(_ sql: String) async throws {
        try await withConnection { connection in try await connection.executeScript(sql) }
    }
}
