import Foundation
@testable import Postgres
import TestSupport
import Testing

@Suite("Transactions")
struct TransactionTests {
    struct Abort: Error, Equatable {}

    static func count(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT count(*) AS n FROM item")[0].decode("n")
    }

    @Test func commitsOnReturn() async throws {
        try await TestDatabase.withClient { client in
            try await client.execute("CREATE TABLE item (name text)")
            let value = try await client.transaction { connection in
                try await connection.execute("INSERT INTO item VALUES ($1)", ["kept"])
                try await connection.execute("INSERT INTO item VALUES ($1)", ["kept too"])
                return 42
            }
            #expect(value == 42)
            #expect(try await Self.count(client) == 2)
        }
    }

    @Test func rollsBackOnThrowAndRethrows() async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE item (name text)")
            await #expect(throws: Abort()) {
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO item VALUES ($1)", ["discarded"])
                    throw Abort()
                }
            }
            #expect(try await Self.count(client) == 0)
            // The single connection went back to the pool outside any transaction.
            let inTransaction = try await client.withConnection { connection in connection.isInTransaction }
            #expect(!inTransaction)
            #expect(client.openConnectionCount == 1)
        }
    }

    @Test func rollsBackOnServerError() async throws {
        try await TestDatabase.withClient { client in
            try await client.execute("CREATE TABLE item (name text PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO item VALUES ('a')")
                    try await connection.execute("INSERT INTO item VALUES ('a')")
                }
            }
            #expect(error == .uniqueViolation(constraint: "item_pkey", detail: "Key (name)=(a) already exists."))
            #expect(try await Self.count(client) == 0)
        }
    }

    @Test("a COMMIT the server turns into a rollback is an error")
    func swallowedErrorDoesNotCommit() async throws {
        try await TestDatabase.withClient { client in
            try await client.execute("CREATE TABLE item (name text PRIMARY KEY)")
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO item VALUES ('a')")
                    _ = try? await connection.execute("INSERT INTO item VALUES ('a')")
                }
            }
            #expect(error?.sqlState == "25P02")
            #expect(try await Self.count(client) == 0)
        }
    }

    @Test("the isolation level is in effect", arguments: [
        (IsolationLevel.readCommitted, "read committed"),
        (.repeatableRead, "repeatable read"),
        (.serializable, "serializable"),
    ])
    func isolationLevels(level: IsolationLevel, expected: String) async throws {
        try await TestDatabase.withClient { client in
            let shown = try await client.transaction(isolation: level) { connection in
                try await connection.query("SHOW transaction_isolation")[0].decode("transaction_isolation", as: String.self)
            }
            #expect(shown == expected)
        }
    }

    @Test func rollsBackOnCancellation() async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE item (name text)")
            let inserted = Signal()
            let proceed = Signal()
            let task = Task {
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO item VALUES ('cancelled')")
                    inserted.fire()
                    try await proceed.wait()
                    try await connection.execute("INSERT INTO item VALUES ('never')")
                }
            }
            try await inserted.wait()
            task.cancel()
            proceed.fire()
            await #expect(throws: CancellationError.self) { try await task.value }
            #expect(try await Self.count(client) == 0)
            #expect(client.openConnectionCount <= 1)
        }
    }

    // The BEGIN travels with the body's first statement, whichever way that statement is sent.

    @Test("the first statement, by any path, runs inside the transaction", arguments: ["query", "pipeline", "script"])
    func firstStatementInsideTheBlock(path: String) async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE item (name text)")
            await #expect(throws: Abort()) {
                try await client.transaction { connection in
                    switch path {
                    case "query": try await connection.execute("INSERT INTO item VALUES ('first')")
                    case "pipeline": _ = try await connection.pipeline([PostgresStatement("INSERT INTO item VALUES ('first')", [])])
                    default: try await connection.executeScript("INSERT INTO item VALUES ('first'); INSERT INTO item VALUES ('second')")
                    }
                    #expect(connection.isInTransaction)
                    throw Abort()
                }
            }
            #expect(try await Self.count(client) == 0)
            let inTransaction = try await client.withConnection { connection in connection.isInTransaction }
            #expect(!inTransaction)
        }
    }

    @Test("a pipeline that opens the transaction returns only its own results")
    func pipelineResultsWithoutTheBegin() async throws {
        try await TestDatabase.withClient { client in
            let (results, sameTransaction) = try await client.transaction(isolation: .repeatableRead) { connection in
                let results = try await connection.pipeline([
                    PostgresStatement("SELECT 1 AS n, now() AS t", []),
                    PostgresStatement("SELECT current_setting('transaction_isolation') AS level", []),
                ])
                // now() is the transaction's start: the same in a later statement of the same block.
                let later: Date = try await connection.query("SELECT now() AS t")[0].decode("t")
                return (results, try results[0][0].decode("t", as: Date.self) == later)
            }
            #expect(results.count == 2)
            #expect(try results[0][0].decode("n", as: Int.self) == 1)
            #expect(try results[1][0].decode("level", as: String.self) == "repeatable read")
            #expect(sameTransaction)
        }
    }

    /// The server process behind the pool's connection (the same pid: the connection was reused, not replaced).
    static func backend(_ client: PostgresClient) async throws -> Int {
        try await client.query("SELECT pg_backend_pid() AS pid")[0].decode("pid")
    }

    @Test("a failing first statement rolls back and leaves the connection reusable")
    func failingFirstStatement() async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE item (name text PRIMARY KEY)")
            try await client.execute("INSERT INTO item VALUES ('a')")
            let before = try await Self.backend(client)
            let error = await #expect(throws: PostgresError.self) {
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO item VALUES ('a')")
                }
            }
            #expect(error?.sqlState == "23505")
            #expect(try await Self.backend(client) == before, "the same connection, back in the pool")
            #expect(try await Self.count(client) == 1)
            let inTransaction = try await client.withConnection { connection in connection.isInTransaction }
            #expect(!inTransaction)
        }
    }

    @Test("a statement refused before it is sent leaves the BEGIN for the next one")
    func refusedBeforeSending() async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            try await client.execute("CREATE TABLE item (name text)")
            await #expect(throws: Abort()) {
                try await client.transaction { connection in
                    // More parameters than the protocol carries: refused while binding, before anything is sent.
                    let tooMany = [(any PostgresEncodable)?](repeating: 1, count: 70_000)
                    await #expect(throws: PostgresError.self) { try await connection.query("SELECT 1", tooMany) }
                    try await connection.execute("INSERT INTO item VALUES ('inside')")
                    #expect(connection.isInTransaction)
                    throw Abort()
                }
            }
            #expect(try await Self.count(client) == 0)
        }
    }

    @Test("a transaction that runs nothing leaves no BEGIN behind on its connection")
    func emptyTransaction() async throws {
        try await TestDatabase.withClient(maxConnections: 1) { client in
            let before = try await Self.backend(client)
            #expect(try await client.transaction { _ in 7 } == 7)
            await #expect(throws: Abort()) { try await client.transaction { _ in throw Abort() } }
            // The next statement on the same (only) connection runs on its own, outside any transaction block.
            let next = try await client.withConnection { connection in
                (try await connection.query("SELECT pg_backend_pid() AS pid")[0].decode("pid", as: Int.self), connection.isInTransaction)
            }
            #expect(next.0 == before && !next.1)
        }
    }
}
