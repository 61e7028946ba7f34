import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Errors")
struct ErrorMappingTests {
    static let schema = """
        CREATE TABLE parent (id int PRIMARY KEY);
        CREATE TABLE child (
            id int CONSTRAINT child_pkey PRIMARY KEY,
            parent_id int CONSTRAINT child_parent_fk REFERENCES parent (id),
            amount int CONSTRAINT amount_positive CHECK (amount > 0),
            name text NOT NULL
        );
        CREATE TABLE booking (during int4range, CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&));
        INSERT INTO parent VALUES (1);
        INSERT INTO child VALUES (1, 1, 10, 'first');
        INSERT INTO booking VALUES ('[1,5)');
        """

    @Test("constraint violations map to typed errors naming the constraint")
    func constraintViolations() async throws {
        try await TestDatabase.withClient { client in
            try await client.executeScriptForTests(Self.schema)
            let insert = "INSERT INTO child (id, parent_id, amount, name) VALUES ($1, $2, $3, $4)"

            let unique = await #expect(throws: PostgresError.self) { try await client.execute(insert, [1, 1, 5, "again"]) }
            #expect(unique == .uniqueViolation(constraint: "child_pkey", detail: "Key (id)=(1) already exists."))
            #expect(unique?.sqlState == "23505")

            let foreignKey = await #expect(throws: PostgresError.self) { try await client.execute(insert, [2, 99, 5, "orphan"]) }
            guard case .foreignKeyViolation(let constraint, let detail)? = foreignKey else {
                Issue.record("expected foreignKeyViolation, got \(String(describing: foreignKey))")
                return
            }
            #expect(constraint == "child_parent_fk")
            #expect(detail?.contains("(parent_id)=(99)") == true)

            let check = await #expect(throws: PostgresError.self) { try await client.execute(insert, [3, 1, -5, "negative"]) }
            #expect(check == .checkViolation(constraint: "amount_positive"))

            let notNull = await #expect(throws: PostgresError.self) { try await client.execute(insert, [4, 1, 5, String?.none]) }
            #expect(notNull == .notNullViolation(column: "name"))

            let exclusion = await #expect(throws: PostgresError.self) {
                try await client.execute("INSERT INTO booking VALUES ($1::int4range)", ["[3,8)"])
            }
            #expect(exclusion == .exclusionViolation(constraint: "no_overlap"))

            let syntax = await #expect(throws: PostgresError.self) { try await client.execute("SELEC 1") }
            #expect(syntax?.sqlState == "42601")
            #expect(syntax?.isConnectionProblem == false)

            // The pool still works after all these failures, and nothing was inserted.
            #expect(try await client.query("SELECT count(*) AS n FROM child")[0].decode("n", as: Int.self) == 1)
        }
    }

    @Test("statement timeout maps to queryCanceled, serialization conflict to serializationFailure")
    func cancelAndSerialization() async throws {
        try await TestDatabase.withClient { client in
            let canceled = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try await connection.execute("SET LOCAL statement_timeout = '50ms'")
                    try await connection.execute("SELECT pg_sleep(5)")
                }
            }
            #expect(canceled == .queryCanceled)

            try await client.execute("CREATE TABLE counter (id int PRIMARY KEY, value int)")
            try await client.execute("INSERT INTO counter VALUES (1, 0)")
            let conflict = await #expect(throws: PostgresError.self) {
                try await client.transaction(isolation: .repeatableRead) { connection in
                    _ = try await connection.query("SELECT value FROM counter WHERE id = 1")
                    // Another connection changes the row after this transaction's snapshot was taken.
                    try await client.execute("UPDATE counter SET value = value + 1 WHERE id = 1")
                    try await connection.execute("UPDATE counter SET value = value + 10 WHERE id = 1")
                }
            }
            #expect(conflict == .serializationFailure)
            #expect(conflict?.isTransient == true)
            #expect(try await client.query("SELECT value FROM counter")[0].decode("value", as: Int.self) == 1)
        }
    }

    @Test("decoding errors name the column")
    func decodingErrors() async throws {
        try await TestDatabase.withClient { client in
            let row = try await client.query(
                "SELECT NULL::text AS missing_value, 'abc'::text AS word, 2.5::numeric AS fraction, 3000000000::int8 AS big, 'x'::bytea AS raw"
            )[0]
            func expectDecodingError(_ column: String, _ mention: String, _ body: () throws -> Void) {
                do {
                    try body()
                    Issue.record("decoding \(column) should have failed")
                } catch let PostgresError.decoding(failedColumn, reason) {
                    #expect(failedColumn == column)
                    #expect(reason.contains(mention), "reason: \(reason)")
                } catch {
                    Issue.record("expected PostgresError.decoding, got \(error)")
                }
            }
            expectDecodingError("missing_value", "NULL") { _ = try row.decode("missing_value", as: String.self) }
            expectDecodingError("word", "text") { _ = try row.decode("word", as: Int.self) }
            expectDecodingError("fraction", "fractional") { _ = try row.decode("fraction", as: Int.self) }
            expectDecodingError("big", "out of range") { _ = try row.decode("big", as: Int32.self) }
            expectDecodingError("raw", "bytea") { _ = try row.decode("raw", as: String.self) }
            expectDecodingError("word", "Bool") { _ = try row.decode("word", as: Bool.self) }
            expectDecodingError("no_such_column", "no such column") { _ = try row.decode("no_such_column", as: Int.self) }
        }
    }

    @Test("an injection attempt passed as a parameter is stored verbatim")
    func injection() async throws {
        try await TestDatabase.withClient { client in
            try await client.execute("CREATE TABLE x (s text)")
            let attacks = ["'; DROP TABLE x; --", "$1", "\\", "\\'; DROP TABLE x; --", "'' OR 1=1 --", "\"x\"; DELETE FROM x"]
            for attack in attacks {
                try await client.execute("INSERT INTO x (s) VALUES ($1)", [attack])
            }
            let stored = try await client.query("SELECT s FROM x ORDER BY ctid").map { try $0.decode("s", as: String.self) }
            #expect(stored == attacks)
            #expect(try await client.query("SELECT to_regclass('x') IS NOT NULL AS exists")[0].decode("exists", as: Bool.self))
            // Several statements in one parameterised query are refused by the server.
            let multiple = await #expect(throws: PostgresError.self) { try await client.execute("SELECT 1; DROP TABLE x", []) }
            #expect(multiple?.sqlState == "42601")
            #expect(try await client.query("SELECT count(*) AS n FROM x")[0].decode("n", as: Int.self) == attacks.count)
        }
    }

    @Test("a string with U+0000 is refused rather than truncated")
    func nulCharacter() async throws {
        try await TestDatabase.withClient { client in
            let error = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT $1::text AS s", ["before\u{0}after"])
            }
            #expect(error?.sqlState == "22021")
            #expect(error.map { "\($0)" }?.contains("$1") == true)
            let arrayError = await #expect(throws: PostgresError.self) {
                try await client.query("SELECT $1::text[] AS s", [["ok", "bad\u{0}"]])
            }
            #expect(arrayError?.sqlState == "22021")
            #expect(await client.ping())
        }
    }
}
