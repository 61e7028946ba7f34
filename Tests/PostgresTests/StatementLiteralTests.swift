import Foundation
@testable import Postgres
import TestSupport
import Testing

/// A statement's values written into its text (``PostgresStatement/writingValues()``): what the server reads
/// is what the parameters held, hostile text included, and only parameters are replaced.
@Suite("Statements with their values written in")
struct StatementLiteralTests {
    static let hostile = [
        "plain", "", "O'Brien", "''", "\\", "\\'", "'; DROP TABLE victims; --", "$1", "$$", "$tag$", "/* */", "-- x",
        "\"", "E'\\n'", "line\nbreak\ttab\r", "\u{1}\u{7f}", "Ёжик 🦔", "%_\\%", "\u{2028}",
    ]

    @Test("hostile text, numbers, NULL, typed values and arrays come back from the server exactly as the parameters did, each in a statement with no parameter")
    func roundTrip() async throws {
        try await PreparedStatementTests.withClient(maxConnections: 1) { client in
            try await client.withConnection { connection async throws in
                try await connection.executeScript("CREATE TABLE victims (id int); INSERT INTO victims VALUES (1)")
                for (index, text) in Self.hostile.enumerated() {
                    let statement = PostgresStatement(
                        "SELECT $1::text AS t, $2::int8 AS n, $3::text AS missing, $1 || '|' || $2 AS joined, $4::int8[] AS ids, length($1::text) AS l",
                        [text, index - 5, nil as String?, [1, -2, index]], planning: .perExecution
                    )
                    let written = try #require(statement.writingValues(), "\(text)")
                    #expect(written.parameters.isEmpty && written.planning == .cached)
                    let row = try await connection.query(written.sql, [])[0]
                    #expect(try row.decode("t", as: String.self) == text, "\(written.sql)")
                    #expect(try row.decode("n", as: Int.self) == index - 5)
                    #expect(try row.decode("missing", as: String?.self) == nil)
                    #expect(try row.decode("joined", as: String.self) == "\(text)|\(index - 5)")
                    #expect(try row.decode("ids", as: [Int].self) == [1, -2, index])
                    #expect(try row.decode("l", as: Int.self) == text.unicodeScalars.count)
                }
                #expect(try await connection.query("SELECT count(*)::int AS n FROM victims")[0].decode("n", as: Int.self) == 1)
                // Read the same whatever the server's string setting.
                try await connection.executeScript("SET standard_conforming_strings = off")
                let odd = try #require(PostgresStatement("SELECT $1::text AS t", ["a\\'b''c"]).writingValues())
                #expect(try await connection.query(odd.sql, [])[0].decode("t", as: String.self) == "a\\'b''c")
                try await connection.executeScript("RESET standard_conforming_strings")
            }
        }
    }

    @Test("a $n inside a string, an escape string, a quoted name, a comment or a dollar-quoted body is not a parameter; $1 is not the start of $10")
    func onlyParameters() throws {
        let values: [(any PostgresEncodable)?] = (1...10).map { $0 }
        let sql = """
            SELECT $1, '$2', E'\\'$3', "$4", a$5, -- $6
            /* $7 /* nested $8 */ still $9 */ $$ $1 $$, $q$ $2 $q$, $10, $2, $3, $4, $5, $6, $7, $8, $9
            """
        let written = try #require(PostgresStatement(sql, values).writingValues())
        #expect(written.sql == """
            SELECT (E'1'), '$2', E'\\'$3', "$4", a$5, -- $6
            /* $7 /* nested $8 */ still $9 */ $$ $1 $$, $q$ $2 $q$, (E'10'), (E'2'), (E'3'), (E'4'), (E'5'), (E'6'), (E'7'), (E'8'), (E'9')
            """)
        // A comment ends at a carriage return too; a typed value is one operand, subscripted as a whole.
        #expect(PostgresStatement("SELECT 1 -- $2\r, $1", [7]).writingValues()?.sql == "SELECT 1 -- $2\r, (E'7')")
        #expect(PostgresStatement("SELECT $1[2]", [PostgresTypedProbe()]).writingValues()?.sql == "SELECT (E'{1,2}'::int8[])[2]")
    }

    @Test("no literal: a binary value, a parameter the text never uses, a $n beyond the values (or $0), text holding U+0000")
    func refused() {
        #expect(PostgresStatement("SELECT $1", [PostgresBinaryProbe()]).writingValues() == nil)
        #expect(PostgresStatement("SELECT $1", [1, 2]).writingValues() == nil)
        #expect(PostgresStatement("SELECT $1, $2", [1]).writingValues() == nil)
        #expect(PostgresStatement("SELECT $1", []).writingValues() == nil && PostgresStatement("SELECT $0, $1", [1]).writingValues() == nil)
        #expect(PostgresStatement("SELECT $1", ["a\u{0}b"]).writingValues() == nil)
        #expect(PostgresStatement("SELECT 1", []).writingValues()?.sql == "SELECT 1")
        // A string continued on the next line is one string to PostgreSQL: not followed, so not written.
        #expect(PostgresStatement("SELECT E'a\\\\'\n'$1', $1", [1]).writingValues() == nil)
    }

    /// A value whose type is given.
    struct PostgresTypedProbe: PostgresEncodable {
        func postgresParameter() throws(PostgresError) -> PostgresParameter { try .text("{1,2}", type: .int8Array) }
    }

    /// A value sent in binary, which has no text literal here.
    struct PostgresBinaryProbe: PostgresEncodable {
        func postgresParameter() throws(PostgresError) -> PostgresParameter { .binary([0, 0, 0, 1], type: .int4) }
    }
}
