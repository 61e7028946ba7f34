import Foundation
@testable import Postgres
import TestSupport
import Testing

/// The per-connection cache of named statements (``PostgresPlanning/cached``), checked from the server's
/// side: `pg_prepared_statements` of the very connection that ran them.
@Suite("Prepared statements")
struct PreparedStatementTests {
    @Test("a statement is prepared once per connection and run by name from then on; perExecution prepares nothing")
    func preparedOnceAndReused() async throws {
        try await Self.withClient(maxConnections: 1) { client in
            try await client.withConnection { connection async throws in
                for value in 1...3 {
                    #expect(try await connection.query("SELECT $1::int8 + 1 AS n", [value])[0].decode("n", as: Int.self) == value + 1)
                }
                _ = try await connection.query("SELECT $1::int8 + 2 AS n", [1], planning: .perExecution)
                let prepared = try await Self.prepared(on: connection)
                #expect(prepared.map(\.statement) == ["SELECT $1::int8 + 1 AS n"], "\(prepared)")
                // Three executions of the one prepared statement (custom or generic plans alike).
                #expect(prepared.first?.executions == 3)
            }
        }
    }

    @Test("the cache keeps at most its capacity, the least recently used statements deallocated on the server")
    func evictionBound() async throws {
        try await Self.withClient(capacity: 4, maxConnections: 1) { client in
            try await client.withConnection { connection async throws in
                for number in 1...10 {
                    _ = try await connection.query("SELECT $1::int8 + \(number) AS n", [0])
                }
                #expect(try await Self.prepared(on: connection).map(\.statement) == (7...10).map { "SELECT $1::int8 + \($0) AS n" })
                // Using 7 makes 8 the least recently used: the next new statement evicts 8, not 7.
                _ = try await connection.query("SELECT $1::int8 + 7 AS n", [0])
                _ = try await connection.query("SELECT $1::int8 + 11 AS n", [0])
                #expect(try await Self.prepared(on: connection).map(\.statement) == [7, 9, 10, 11].map { "SELECT $1::int8 + \($0) AS n" })
            }
        }
    }

    @Test("inside a transaction the cache may grow past its capacity; it shrinks back once the transaction ends")
    func evictionWaitsForTheTransaction() async throws {
        try await Self.withClient(capacity: 2, maxConnections: 1) { client in
            try await client.transaction { connection in
                for number in 1...4 {
                    _ = try await connection.query("SELECT $1::int8 + \(number) AS n", [0])
                }
                #expect(try await Self.prepared(on: connection).filter { $0.statement.hasPrefix("SELECT $1") }.count == 4)
            }
            try await client.withConnection { connection async throws in
                #expect(try await Self.prepared(on: connection).count <= 2)
            }
        }
    }

    @Test("a new connection after the old one was terminated starts empty and prepares again")
    func survivesReconnect() async throws {
        try await TestDatabase.withAdmin { admin in
            try await Self.withClient(maxConnections: 1) { client in
                let sql = "SELECT $1::text || '!' AS s"
                #expect(try await client.query(sql, ["a"])[0].decode("s", as: String.self) == "a!")
                let firstBackend: Int = try await client.query("SELECT pg_backend_pid() AS pid")[0].decode("pid")
                try await TestDatabase.terminateBackends(admin, applicationName: client.configuration.applicationName)

                #expect(try await client.query(sql, ["b"])[0].decode("s", as: String.self) == "b!")
                try await client.withConnection { connection async throws in
                    let backend: Int = try await connection.query("SELECT pg_backend_pid() AS pid")[0].decode("pid")
                    #expect(backend != firstBackend)
                    let prepared = try await Self.prepared(on: connection).filter { $0.statement == sql }
                    #expect(prepared.count == 1 && prepared.first?.executions == 1, "\(prepared)")
                }
            }
        }
    }

    @Test("a table that changes shape under a cached SELECT *: prepared again and run; inside a transaction the error, then recovery")
    func recoversFromAChangedTable() async throws {
        try await Self.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE gadgets (id int PRIMARY KEY)")
            try await client.execute("INSERT INTO gadgets VALUES (1)")
            let sql = "SELECT * FROM gadgets WHERE id = $1"
            #expect(try await client.query(sql, [1]).columnNames == ["id"])

            try await client.execute("ALTER TABLE gadgets ADD COLUMN name text DEFAULT 'widget'")
            let rows = try await client.query(sql, [1])
            #expect(rows.columnNames == ["id", "name"])
            #expect(try rows[0].decode("name", as: String.self) == "widget")

            try await client.execute("ALTER TABLE gadgets ADD COLUMN size int DEFAULT 3")
            // In a transaction block the failed statement has failed the transaction: no retry there.
            await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in try await connection.query(sql, [1]) }
            }
            #expect(try await client.transaction { connection in try await connection.query(sql, [1]) }.columnNames == ["id", "name", "size"])
            try await client.withConnection { connection async throws in
                // The refused statements were deallocated: one statement for the text is left.
                #expect(try await Self.prepared(on: connection).filter { $0.statement == sql }.count == 1)
            }
        }
    }

    @Test("after DISCARD ALL on the connection its cached statements are prepared again")
    func recoversFromDiscardAll() async throws {
        try await Self.withClient(maxConnections: 1) { client in
            try await client.withConnection { connection async throws in
                #expect(try await connection.query("SELECT $1::int8 * 2 AS n", [21])[0].decode("n", as: Int.self) == 42)
                try await connection.executeScript("DISCARD ALL")
                #expect(try await connection.query("SELECT $1::int8 * 2 AS n", [4])[0].decode("n", as: Int.self) == 8)
                #expect(try await Self.prepared(on: connection).map(\.statement) == ["SELECT $1::int8 * 2 AS n"])
            }
        }
    }

    @Test("a cached EXPLAIN plans with each execution's values: a rare value's estimate stays its own")
    func cachedExplainPlansPerValue() async throws {
        try await Self.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE marks (status text)")
            try await client.execute("INSERT INTO marks SELECT CASE WHEN n = 1 THEN 'rare' ELSE 'common' END FROM generate_series(1, 10000) AS n")
            try await client.execute("ANALYZE marks")
            let sql = "EXPLAIN (FORMAT JSON) SELECT 1 FROM marks WHERE status = $1"
            // More than the five executions after which a reused plan may turn generic.
            for _ in 1...8 {
                let common: String = try await client.query(sql, ["common"])[0].decode(at: 0)
                let rare: String = try await client.query(sql, ["rare"])[0].decode(at: 0)
                #expect(common.contains("\"Plan Rows\": 99") && rare.contains("\"Plan Rows\": 1,"), "\(common) \(rare)")
            }
        }
    }

    @Test("a statement that fails to prepare is not cached, and the connection stays usable")
    func failedPrepare() async throws {
        try await Self.withClient(maxConnections: 1) { client in
            try await client.withConnection { connection async throws in
                await #expect(throws: PostgresError.self) { try await connection.query("SELECT FROM nowhere WHERE x = $1", [1]) }
                #expect(try await Self.prepared(on: connection).isEmpty)
                #expect(try await connection.query("SELECT $1::int8 AS n", [5])[0].decode("n", as: Int.self) == 5)
            }
        }
    }

    @Test("400 concurrent queries of 10 statements over a pool of 4: every answer right, each connection holds each statement once")
    func concurrentUse() async throws {
        try await Self.withClient(maxConnections: 4) { client in
            let answers = try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for task in 0..<400 {
                    group.addTask {
                        let statement = task % 10
                        let value: Int = try await client.query("SELECT $1::int8 * 10 + \(statement) AS n", [task])[0].decode("n")
                        return (task * 10 + statement, value)
                    }
                }
                return try await group.reduce(into: [(Int, Int)]()) { $0.append($1) }
            }
            #expect(answers.count == 400 && answers.allSatisfy { $0.0 == $0.1 })
            // Every connection, checked out at once, holds no statement twice and none beyond the ten.
            let barrier = Barrier(parties: client.maxConnections)
            let perConnection = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<client.maxConnections {
                    group.addTask {
                        try await client.withConnection { connection async throws in
                            try await barrier.arrive()
                            return try await Self.prepared(on: connection).map(\.statement)
                        }
                    }
                }
                return try await group.reduce(into: [[String]]()) { $0.append($1) }
            }
            #expect(perConnection.count == 4)
            for statements in perConnection {
                #expect(Set(statements).count == statements.count && statements.count <= 10, "\(statements)")
            }
        }
    }

    // MARK: The cache alone

    @Test("the cache evicts the least recently used first, never reuses a name, and hands back what to deallocate")
    func cacheBookkeeping() {
        var cache = PreparedStatementCache(capacity: 2)
        let a = PreparedStatementCache.Key(sql: "a", types: []), b = PreparedStatementCache.Key(sql: "b", types: [])
        let c = PreparedStatementCache.Key(sql: "c", types: []), aText = PreparedStatementCache.Key(sql: "a", types: [25])
        for key in [a, b] { cache.insert(key, name: cache.makeName()) }
        #expect(cache.use(a) == "cached_1")
        cache.insert(c, name: cache.makeName())
        #expect(cache.use(aText) == nil, "other parameter types are another statement")
        #expect(cache.namesToDeallocate() == ["cached_2"])
        #expect(cache.use(b) == nil && cache.count == 2)
        cache.retire(a)
        #expect(cache.use(a) == nil)
        cache.insert(a, name: cache.makeName())
        #expect(cache.use(a) == "cached_4")
        #expect(cache.namesToDeallocate() == ["cached_1"])
        cache.removeAll()
        #expect(cache.count == 0 && cache.namesToDeallocate().isEmpty)
    }

    // MARK: Helpers

    /// The connection's own prepared statements (read without preparing anything), in the order they were
    /// prepared (`cached_1`, `cached_2`…), with how many times each ran.
    static func prepared(on connection: PostgresConnection) async throws -> [(statement: String, executions: Int)] {
        try await connection.query(
            """
            SELECT statement, generic_plans + custom_plans AS executions FROM pg_prepared_statements
            WHERE from_sql = false ORDER BY length(name), name
            """,
            [], planning: .perExecution
        ).map { (try $0.decode("statement"), try $0.decode("executions")) }
    }

    /// A pool on a fresh empty database whose connections cache `capacity` statements.
    static func withClient<T>(
        capacity: Int = 256, maxConnections: Int, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        try await TestDatabase.with(template: "template0", options: "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'") { database in
            var configuration = database.configuration
            configuration.applicationName = TestDatabase.uniqueName("pgtest_app")
            configuration.statementCacheCapacity = capacity
            return try await PostgresClient.withClient(
                configuration: configuration, maxConnections: maxConnections, checkoutTimeout: .seconds(120),
                logger: TestDatabase.logger, body
            )
        }
    }
}

/// Lets `parties` tasks go on only once all of them have arrived (so each holds its own connection).
private actor Barrier {
    private let parties: Int
    private var arrived = 0
    private let signal = Signal()

    init(parties: Int) {
        self.parties = parties
    }

    func arrive() async throws {
        arrived += 1
        if arrived == parties { signal.fire() }
        try await signal.wait()
    }
}
