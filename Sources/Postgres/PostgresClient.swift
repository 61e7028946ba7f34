import Logging
import NIOPosix
import Synchronization

/// A bounded pool of libpq connections.
///
/// Connections open lazily, at most `maxConnections` at a time; callers beyond that wait in FIFO order
/// and get ``PostgresError/poolTimeout`` after `checkoutTimeout`. An idle connection is checked on
/// checkout and replaced when the server dropped it; a connection whose query failed with a connection
/// problem, or that comes back inside a transaction, is closed instead of reused. Blocking libpq calls run
/// on a `NIOThreadPool` the client owns; call ``shutdown()`` when done.
public final class PostgresClient: PostgresQueryable, Sendable {
    public let configuration: PostgresConfiguration
    public let maxConnections: Int
    public let checkoutTimeout: Duration
    let logger: Logger
    let threadPool: NIOThreadPool
    private let state: Mutex<PoolState>

    public init(
        configuration: PostgresConfiguration,
        maxConnections: Int = 10,
        checkoutTimeout: Duration = .seconds(10),
        logger: Logger
    ) {
        precondition(maxConnections >= 1, "PostgresClient needs maxConnections >= 1, got \(maxConnections)")
        self.configuration = configuration
        self.maxConnections = maxConnections
        self.checkoutTimeout = checkoutTimeout
        self.logger = logger
        // One thread per connection, plus spare ones for closing and for health checks.
        self.threadPool = NIOThreadPool(numberOfThreads: maxConnections + 2)
        self.state = Mutex(PoolState(maxConnections: maxConnections))
        threadPool.start()
    }

    deinit {
        let listeners = state.withLock { state in state.isShutDown ? nil : state.shutDown().listeners }
        guard let listeners else { return }
        // Not shut down: idle connections close in their own deinit, the threads stop in the background.
        listeners.forEach { $0.stop() }
        threadPool.shutdownGracefully { _ in }
    }

    public func query(
        _ sql: String, _ parameters: [(any PostgresEncodable)?], planning: PostgresPlanning
    ) async throws -> PostgresQueryResult {
        try await withConnection { connection in
            try await connection.query(sql, parameters, planning: planning)
        }
    }

    /// Runs `statements` in one round trip on one connection (``PostgresConnection/pipeline(_:)``).
    public func pipeline(_ statements: [PostgresStatement]) async throws -> [PostgresQueryResult] {
        try await withConnection { connection in
            try await connection.pipeline(statements)
        }
    }

    /// Runs `body` with a connection checked out of the pool, returned afterwards (or closed when broken).
    /// `body` runs in the caller's isolation (`nonisolated(nonsending)`), so actor-isolated callers can pass
    /// closures that touch their state.
    nonisolated(nonsending) public func withConnection<T: Sendable>(
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await checkout()
        let value: T
        do {
            value = try await body(connection)
        } catch {
            await release(connection)
            throw error
        }
        await release(connection)
        return value
    }

    /// `BEGIN ISOLATION LEVEL …`; `COMMIT` when `body` returns, `ROLLBACK` when it throws (or the task is
    /// cancelled), the error rethrown. A `COMMIT` the server turned into a rollback (a statement inside failed
    /// and the error was caught) throws `PostgresError.server(sqlState: "25P02", …)`.
    ///
    /// The `BEGIN` travels with `body`'s first statement, in its round trip; a `body` that runs none sends nothing.
    nonisolated(nonsending) public func transaction<T: Sendable>(
        isolation: IsolationLevel = .readCommitted,
        _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection { connection in
            connection.beginWithNextStatement("BEGIN ISOLATION LEVEL \(isolation.sql)")
            let value: T
            do {
                value = try await body(connection)
                if connection.takePendingBegin() != nil { return value }
                let commit = try await connection.query("COMMIT")
                if commit.commandTag == "ROLLBACK" {
                    throw PostgresError.server(
                        sqlState: "25P02",
                        message: "the transaction was rolled back instead of committed: a statement inside it failed"
                    )
                }
            } catch {
                _ = connection.takePendingBegin()
                await connection.rollbackIgnoringCancellation()
                throw error
            }
            return value
        }
    }

    /// True when a `SELECT 1` succeeds.
    public func ping() async -> Bool {
        (try? await query("SELECT 1")) != nil
    }

    /// A dedicated connection (not from the pool) that `LISTEN`s on `channel`: `.listening` each time
    /// `LISTEN` is (re-)established, `.notification` for each `NOTIFY`. After a connection loss it reconnects
    /// with backoff (50 ms doubling to 2 s) until the consumer stops iterating or the client shuts down.
    public func listen(channel: String) -> AsyncStream<PostgresListenEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: PostgresListenEvent.self)
        let id = state.withLock { $0.makeID() }
        let listener = PostgresListener(
            channel: channel,
            configuration: configuration,
            logger: logger,
            continuation: continuation,
            onFinish: { [weak self] in self?.state.withLock { $0.removeListener(id: id) } }
        )
        if state.withLock({ $0.addListener(listener, id: id) }) {
            continuation.onTermination = { _ in listener.stop() }
        } else {
            // Shut down: the listener ends at once, finishing the stream.
            listener.stop()
        }
        listener.start()
        return stream
    }

    /// Closes idle connections, fails current and future checkouts with ``PostgresError/shutDown``, stops
    /// listeners and the thread pool. Connections in use are closed when they come back.
    public func shutdown() async {
        let (idle, waiters, listeners, wasShutDown) = state.withLock { state in
            let wasShutDown = state.isShutDown
            let (idle, waiters, listeners) = state.shutDown()
            return (idle, waiters, listeners, wasShutDown)
        }
        guard !wasShutDown else { return }
        for waiter in waiters {
            waiter.timeout.cancel()
            waiter.continuation.resume(throwing: PostgresError.shutDown)
        }
        listeners.forEach { $0.stop() }
        for connection in idle {
            await connection.close()
        }
        for listener in listeners {
            await listener.waitUntilFinished()
        }
        do {
            try await threadPool.shutdownGracefully()
        } catch {
            logger.warning("PostgreSQL thread pool did not shut down cleanly", metadata: ["error": "\(error)"])
        }
    }

    /// Connections open or being opened (for tests and metrics).
    var openConnectionCount: Int { state.withLock { $0.openCount } }

    /// Checkouts waiting in line for a connection (for tests and metrics).
    var waitingCount: Int { state.withLock { $0.waiterCount } }

    // MARK: - Checkout and release

    private func checkout() async throws -> PostgresConnection {
        var lease = try await obtainLease()
        while true {
            switch lease {
            case .idle(let connection):
                // A cancelled task gets no connection (as a query on it would be refused).
                if Task.isCancelled {
                    await release(connection)
                    throw CancellationError()
                }
                if connection.checkHealth() { return connection }
                logger.debug("PostgreSQL connection dropped while idle; replacing it")
                await connection.close()
                lease = .create
            case .create:
                do {
                    return try await PostgresConnection.connect(
                        configuration: configuration, threadPool: threadPool, logger: logger
                    )
                } catch {
                    if let (waiter, lease) = state.withLock({ $0.releaseSlot() }) {
                        hand(lease, to: waiter)
                    }
                    throw error
                }
            }
        }
    }

    /// A lease right away, or after waiting in line (FIFO) at most `checkoutTimeout`.
    private func obtainLease() async throws -> PoolState.Lease {
        let id = state.withLock { $0.makeID() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PoolState.Lease, any Error>) in
                let immediate: Result<PoolState.Lease, any Error>? = state.withLock { state in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    switch state.checkout() {
                    case .lease(let lease):
                        return .success(lease)
                    case .shutDown:
                        return .failure(PostgresError.shutDown)
                    case .wait:
                        let timeout = Task { [checkoutTimeout] in
                            do {
                                try await Task.sleep(for: checkoutTimeout)
                            } catch {
                                return
                            }
                            self.timeOutWaiter(id: id)
                        }
                        state.enqueue(PoolState.Waiter(id: id, continuation: continuation, timeout: timeout))
                        return nil
                    }
                }
                if let immediate {
                    continuation.resume(with: immediate)
                }
            }
        } onCancel: {
            if let waiter = state.withLock({ $0.removeWaiter(id: id) }) {
                waiter.timeout.cancel()
                waiter.continuation.resume(throwing: CancellationError())
            }
        }
    }

    private func timeOutWaiter(id: UInt64) {
        if let waiter = state.withLock({ $0.removeWaiter(id: id) }) {
            logger.warning("no PostgreSQL connection became free in time", metadata: ["timeout": "\(checkoutTimeout)"])
            waiter.continuation.resume(throwing: PostgresError.poolTimeout)
        }
    }

    private func hand(_ lease: PoolState.Lease, to waiter: PoolState.Waiter) {
        waiter.timeout.cancel()
        waiter.continuation.resume(returning: lease)
    }

    private func release(_ connection: PostgresConnection) async {
        let reusable = connection.isReusable
        if !reusable, connection.isInTransaction {
            logger.warning("a PostgreSQL connection came back inside a transaction; closing it")
        }
        let action = state.withLock { $0.release(connection, reusable: reusable) }
        if let connection = action.close {
            await connection.close()
        }
        if let (waiter, lease) = action.handOver {
            hand(lease, to: waiter)
        }
    }
}
