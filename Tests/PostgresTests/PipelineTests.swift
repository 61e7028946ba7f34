@testable import Postgres
import TestSupport
import Testing

/// Several statements in one round trip (libpq's pipeline mode), with the connection's prepared statements.
@Suite("Pipeline")
struct PipelineTests {
    @Test("results come back in order; cached statements are prepared in the pipeline once and reused, perExecution ones never")
    func resultsInOrder() async throws {
        try await PreparedStatementTests.withClient(maxConnections: 1) { client in
            try await client.withConnection { connection async throws in
                for round in 1...2 {
                    let results = try await connection.pipeline([
                        PostgresStatement("SELECT $1::int8 * 2 AS n", [round]),
                        PostgresStatement("SELECT $1::text || '!' AS s", ["x"], planning: .perExecution),
                        PostgresStatement("SELECT n FROM generate_series(1, $1::int) AS n", [3]),
                    ])
                    #expect(try results.map(\.count) == [1, 1, 3] && results[0][0].decode("n", as: Int.self) == round * 2)
                    #expect(try results[1][0].decode("s", as: String.self) == "x!")
                    #expect(try results[2].map { try $0.decode("n", as: Int.self) } == [1, 2, 3])
                }
                let prepared = try await PreparedStatementTests.prepared(on: connection)
                #expect(prepared.map(\.statement) == ["SELECT $1::int8 * 2 AS n", "SELECT n FROM generate_series(1, $1::int) AS n"])
                #expect(prepared.map(\.executions) == [2, 2])
                #expect(try await connection.pipeline([]).isEmpty)
            }
        }
    }

    @Test("outside a transaction a failing statement fails the pipeline: its error is thrown, nothing of it stays, the connection goes on")
    func failureIsAtomic() async throws {
        try await PreparedStatementTests.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE marks (id int PRIMARY KEY)")
            try await client.withConnection { connection async throws in
                await #expect(throws: PostgresError.uniqueViolation(constraint: "marks_pkey", detail: "Key (id)=(1) already exists.")) {
                    try await connection.pipeline([
                        PostgresStatement("INSERT INTO marks VALUES ($1)", [1]),
                        PostgresStatement("INSERT INTO marks VALUES ($1)", [1]),
                        PostgresStatement("INSERT INTO marks VALUES ($1)", [2]),
                    ])
                }
                // A statement that fails to prepare is not cached; the ones after it were skipped.
                await #expect(throws: PostgresError.self) {
                    try await connection.pipeline([
                        PostgresStatement("SELECT FROM nowhere WHERE id = $1", [1]),
                        PostgresStatement("INSERT INTO marks VALUES ($1)", [3]),
                    ])
                }
                #expect(try await connection.query("SELECT count(*) AS n FROM marks")[0].decode("n", as: Int.self) == 0)
                #expect(try await PreparedStatementTests.prepared(on: connection).contains { $0.statement.contains("nowhere") } == false)
                let results = try await connection.pipeline([
                    PostgresStatement("INSERT INTO marks VALUES ($1)", [4]),
                    PostgresStatement("SELECT count(*) AS n FROM marks"),
                ])
                #expect(try results[1][0].decode("n", as: Int.self) == 1)
            }
        }
    }

    @Test("inside a transaction the pipeline's writes commit with it")
    func insideATransaction() async throws {
        try await PreparedStatementTests.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE marks (id int PRIMARY KEY)")
            try await client.transaction { connection in
                _ = try await connection.pipeline([
                    PostgresStatement("INSERT INTO marks VALUES ($1)", [1]),
                    PostgresStatement("INSERT INTO marks VALUES ($1)", [2]),
                ])
            }
            await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO marks VALUES ($1)", [3])
                    _ = try await connection.pipeline([PostgresStatement("INSERT INTO marks VALUES ($1)", [1])])
                }
            }
            #expect(try await client.query("SELECT array_agg(id ORDER BY id)::text AS ids FROM marks")[0].decode("ids", as: String.self) == "{1,2}")
        }
    }

    @Test("a cached statement whose table changed shape is prepared again and the pipeline run again")
    func staleStatement() async throws {
        try await PreparedStatementTests.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE gadgets (id int PRIMARY KEY)")
            try await client.execute("INSERT INTO gadgets VALUES (1)")
            let statements = [PostgresStatement("SELECT * FROM gadgets WHERE id = $1", [1]), PostgresStatement("SELECT 2 AS n")]
            #expect(try await client.pipeline(statements)[0].columnNames == ["id"])
            try await client.execute("ALTER TABLE gadgets ADD COLUMN name text DEFAULT 'widget'")
            let results = try await client.pipeline(statements)
            #expect(results[0].columnNames == ["id", "name"])
            #expect(try results[1][0].decode("n", as: Int.self) == 2)
        }
    }
}
