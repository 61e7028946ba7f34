import Foundation
@testable import Postgres
import TestSupport
import Testing

@Suite("Pool")
struct PoolTests {
    @Test("200 concurrent queries through a pool of 4 all succeed; the server never sees more than 4 connections")
    func boundedConcurrency() async throws {
        try await TestDatabase.withClient(maxConnections: 4) { client in
            let applicationName = client.configuration.applicationName
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<200 {
                    group.addTask {
                        // Each query reports how many connections of this pool the server sees right now.
                        try await client.query(
                            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1", [applicationName]
                        )[0].decode("n", as: Int.self)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(counts.count == 200)
            #expect(counts.allSatisfy { (1...4).contains($0) }, "counts seen: \(Set(counts).sorted())")
            #expect(counts.max() == 4, "all four connections should have been opened under this load")
            #expect(client.openConnectionCount == 4)
        }
    }

    @Test("a checkout that waits longer than checkoutTimeout gets poolTimeout")
    func poolTimeout() async throws {
        try await TestDatabase.withClient(maxConnections: 1, checkoutTimeout: .milliseconds(200)) { client in
            let (release, holder) = try await holdConnection(client)
            let started = ContinuousClock.now
            await #expect(throws: PostgresError.poolTimeout) {
                try await client.query("SELECT 1")
            }
            let waited = ContinuousClock.now - started
            #expect(waited >= .milliseconds(200))
            #expect(waited < .seconds(3))
            release.fire()
            try await holder.value
            #expect(try await client.query("SELECT 2 AS n")[0].decode("n", as: Int.self) == 2)
            #expect(client.openConnectionCount == 1)
        }
    }

    @Test("waiters are served when a connection comes back; a cancelled waiter leaves the queue")
    func waitersAndCancellation() async throws {
        try await TestDatabase.withClient(maxConnections: 1, checkoutTimeout: .seconds(30)) { client in
            let (release, holder) = try await holdConnection(client)
            let cancelled = Task { try await client.query("SELECT 'cancelled'") }
            // Both checkouts must be queued, so the cancellation goes through onCancel → removeWaiter.
            try await eventually("the first checkout is queued") { client.waitingCount == 1 }
            let served = Task { try await client.query("SELECT 'served' AS v")[0].decode("v", as: String.self) }
            try await eventually("both checkouts are queued") { client.waitingCount == 2 }
            cancelled.cancel()
            await #expect(throws: CancellationError.self) { try await cancelled.value }
            #expect(client.waitingCount == 1, "the cancelled waiter left the queue, the other one is still in it")
            release.fire()
            try await holder.value
            #expect(try await served.value == "served")
            #expect(client.openConnectionCount == 1)
        }
    }

    @Test("after pg_terminate_backend of every pooled connection the next queries succeed")
    func recoversFromTerminatedBackends() async throws {
        try await TestDatabase.withAdmin { admin in
            try await TestDatabase.withClient(maxConnections: 4) { client in
                let applicationName = client.configuration.applicationName
                try await Self.runConcurrently(client, count: 40)
                #expect(try await TestDatabase.connectionCount(admin, applicationName: applicationName) > 0)

                try await TestDatabase.terminateBackends(admin, applicationName: applicationName)

                try await Self.runConcurrently(client, count: 40)
                for value in 0..<5 {
                    #expect(try await client.query("SELECT $1::int8 AS v", [value])[0].decode("v", as: Int.self) == value)
                }
                #expect(client.openConnectionCount <= 4)
                #expect(try await TestDatabase.connectionCount(admin, applicationName: applicationName) <= 4)
            }
        }
    }

    @Test("queries right after pg_terminate_backend: each broken connection fails at most once, then is replaced")
    func brokenConnectionsAreDiscarded() async throws {
        try await TestDatabase.withAdmin { admin in
            try await TestDatabase.withClient(maxConnections: 4) { client in
                let applicationName = client.configuration.applicationName
                try await Self.runConcurrently(client, count: 40)
                let open = client.openConnectionCount
                // Terminate without waiting for the backends to exit, and query at once.
                let terminated = try await admin.query(
                    "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1",
                    [applicationName]
                )[0].decode("n", as: Int.self)
                #expect(terminated == open)
                // Rounds of as many concurrent queries as there are connections, so every one gets used.
                var failures = 0
                for _ in 0..<5 {
                    let errors = await withTaskGroup(of: PostgresError?.self) { group in
                        for value in 0..<open {
                            group.addTask {
                                do {
                                    _ = try await client.query("SELECT $1::int8 AS v", [value])
                                    return nil
                                } catch {
                                    return error as? PostgresError ?? .server(sqlState: "?", message: "\(error)")
                                }
                            }
                        }
                        return await group.compactMap { $0 }.reduce(into: [PostgresError]()) { $0.append($1) }
                    }
                    // Queries on a dead connection fail with connectionLost; anything else is a bug.
                    let lost = errors.filter { if case .connectionLost = $0 { true } else { false } }
                    #expect(lost.count == errors.count, "unexpected errors: \(errors)")
                    failures += lost.count
                }
                #expect(failures <= open, "each broken connection may fail one query, then it is discarded")
                try await Self.runConcurrently(client, count: 40)
                for value in 0..<10 {
                    #expect(try await client.query("SELECT $1::int8 AS v", [value])[0].decode("v", as: Int.self) == value)
                }
            }
        }
    }

    @Test("a database refusing connections fails fast with connectionFailed; the pool recovers by itself")
    func refusingDatabase() async throws {
        try await TestDatabase.withAdmin { admin in
            try await TestDatabase.withClient(maxConnections: 2) { client in
                let database = try #require(client.configuration.databaseName)
                let applicationName = client.configuration.applicationName
                #expect(await client.ping())

                try await admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS false")
                try await TestDatabase.terminateBackends(admin, applicationName: applicationName)

                for _ in 0..<3 {
                    let started = ContinuousClock.now
                    let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
                    // Fast: the refusal comes back at once, not after the pool's 10-second checkout timeout (the
                    // bound leaves room for a loaded machine).
                    #expect(ContinuousClock.now - started < .seconds(6))
                    guard case .connectionFailed(let message)? = error else {
                        Issue.record("expected connectionFailed, got \(String(describing: error))")
                        return
                    }
                    #expect(message.contains("not currently accepting connections"), "message: \(message)")
                    #expect(error?.isConnectionProblem == true)
                }
                #expect(client.openConnectionCount == 0, "failed attempts must give their slots back")

                try await admin.execute("ALTER DATABASE \(database) ALLOW_CONNECTIONS true")
                #expect(try await client.query("SELECT 7 AS n")[0].decode("n", as: Int.self) == 7)
                try await Self.runConcurrently(client, count: 10)
            }
        }
    }

    @Test("an unreachable server fails fast with connectionFailed")
    func unreachableServer() async throws {
        let configuration = try PostgresConfiguration("postgres://postgres@/postgres?host=/nonexistent-pgtest-socket-dir")
        // The checkout timeout is long, so an answer well before it shows the failure was reported, not waited out
        // (the margin is wide: a loaded test machine may take seconds to schedule the attempt).
        let client = PostgresClient(
            configuration: configuration, maxConnections: 2, checkoutTimeout: .seconds(60), logger: TestDatabase.logger
        )
        let started = ContinuousClock.now
        let error = await #expect(throws: PostgresError.self) { try await client.query("SELECT 1") }
        #expect(ContinuousClock.now - started < .seconds(30))
        guard case .connectionFailed? = error else {
            Issue.record("expected connectionFailed, got \(String(describing: error))")
            await client.shutdown()
            return
        }
        #expect(await client.ping() == false)
        #expect(client.openConnectionCount == 0)
        await client.shutdown()
    }

    @Test("shutdown fails waiters and later checkouts with shutDown")
    func shutdown() async throws {
        let configuration = try TestDatabase.maintenanceConfiguration()
        let client = PostgresClient(configuration: configuration, maxConnections: 1, logger: TestDatabase.logger)
        let (release, holder) = try await holdConnection(client)
        let waiter = Task { try await client.query("SELECT 1") }
        // Queued, so shutdown fails it as a waiter (not as a later checkout).
        try await eventually("the second checkout is waiting") { client.waitingCount == 1 }
        await client.shutdown()
        #expect(client.waitingCount == 0)
        await #expect(throws: PostgresError.shutDown) { try await waiter.value }
        await #expect(throws: PostgresError.shutDown) { try await client.query("SELECT 1") }
        release.fire()
        try await holder.value
        #expect(client.openConnectionCount == 0, "the connection in use is closed when it comes back")
    }

    static func runConcurrently(_ client: PostgresClient, count: Int) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<count {
                group.addTask {
                    let echoed = try await client.query("SELECT $1::int8 AS v, pg_sleep(0.001)", [index])[0].decode("v", as: Int.self)
                    #expect(echoed == index)
                }
            }
            try await group.waitForAll()
        }
    }

    /// Checks a connection out in another task and keeps it until `release` fires; returns once it is held.
    func holdConnection(_ client: PostgresClient) async throws -> (release: Signal, holder: Task<Void, any Error>) {
        let holding = Signal()
        let release = Signal()
        let holder = Task {
            try await client.withConnection { connection in
                _ = try await connection.query("SELECT 1")
                holding.fire()
                try await release.wait()
            }
        }
        try await holding.wait()
        return (release, holder)
    }
}
