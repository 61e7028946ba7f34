/// The pool's bookkeeping, kept under the client's lock; every method is quick and never blocks.
///
/// A *slot* is the right to hold one open connection; there are at most `maxConnections` of them.
/// A lease is what a checkout receives: an idle connection, or a slot to fill with a new connection.
struct PoolState: Sendable {
    enum Lease: Sendable {
        case idle(PostgresConnection)
        case create
    }

    struct Waiter: Sendable {
        let id: UInt64
        let continuation: CheckedContinuation<Lease, any Error>
        let timeout: Task<Void, Never>
    }

    enum Decision: Sendable {
        case lease(Lease)
        case wait
        case shutDown
    }

    /// What the caller must do after a release, outside the lock: close first, then resume.
    struct ReleaseAction: Sendable {
        var close: PostgresConnection?
        var handOver: (Waiter, Lease)?
    }

    let maxConnections: Int
    private var idle: [PostgresConnection] = []
    /// Slots in use: idle, leased and being-created connections.
    private(set) var openCount = 0
    /// FIFO.
    private var waiters: [Waiter] = []
    /// Checkouts queued for a connection.
    var waiterCount: Int { waiters.count }
    private(set) var isShutDown = false
    private var nextID: UInt64 = 0
    private var listeners: [UInt64: PostgresListener] = [:]

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    mutating func makeID() -> UInt64 {
        nextID += 1
        return nextID
    }

    /// An idle connection (most recently used first), else a free slot, else wait.
    mutating func checkout() -> Decision {
        if isShutDown { return .shutDown }
        if waiters.isEmpty, let connection = idle.popLast() { return .lease(.idle(connection)) }
        if waiters.isEmpty, openCount < maxConnections {
            openCount += 1
            return .lease(.create)
        }
        return .wait
    }

    mutating func enqueue(_ waiter: Waiter) {
        waiters.append(waiter)
    }

    mutating func removeWaiter(id: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index)
    }

    /// A connection comes back; `reusable` says whether it may serve again.
    mutating func release(_ connection: PostgresConnection, reusable: Bool) -> ReleaseAction {
        if reusable, !isShutDown {
            if !waiters.isEmpty {
                return ReleaseAction(close: nil, handOver: (waiters.removeFirst(), .idle(connection)))
            }
            idle.append(connection)
            return ReleaseAction()
        }
        return ReleaseAction(close: connection, handOver: releaseSlot())
    }

    /// A slot is given up (its connection failed to open or was discarded): the first waiter gets it.
    mutating func releaseSlot() -> (Waiter, Lease)? {
        if !isShutDown, !waiters.isEmpty {
            return (waiters.removeFirst(), .create)
        }
        openCount -= 1
        return nil
    }

    mutating func addListener(_ listener: PostgresListener, id: UInt64) -> Bool {
        guard !isShutDown else { return false }
        listeners[id] = listener
        return true
    }

    mutating func removeListener(id: UInt64) {
        listeners[id] = nil
    }

    /// Marks the pool shut down; returns what must be closed, failed and stopped.
    mutating func shutDown() -> (idle: [PostgresConnection], waiters: [Waiter], listeners: [PostgresListener]) {
        isShutDown = true
        defer {
            openCount -= idle.count
            idle = []
            waiters = []
            listeners = [:]
        }
        return (idle, waiters, Array(listeners.values))
    }
}
