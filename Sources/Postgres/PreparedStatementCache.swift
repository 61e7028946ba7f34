/// The named statements prepared on one `PGconn`, keyed by their SQL text and parameter types; beyond
/// `capacity`, the least recently used go first.
///
/// It lives with the libpq connection it describes (``PostgresConnection``'s handle, under the same lock),
/// so a new connection — after a reconnect, say — starts empty. Each statement gets a name of its own
/// (`cached_1`, `cached_2`…, never reused on the connection), so a stale name can only fail, never run
/// another statement.
///
/// A statement evicted or found invalid is only forgotten here; its name waits in ``namesToDeallocate()``
/// until the connection is outside a transaction block, where a `DEALLOCATE` can neither fail because the
/// transaction failed nor abort the caller's transaction by failing.
struct PreparedStatementCache {
    struct Key: Hashable {
        let sql: String
        /// The parameters' type OIDs, 0 where the server infers the type: a statement is prepared for them.
        let types: [UInt32]
    }

    private struct Entry {
        let name: String
        var lastUse: UInt64
    }

    /// The most statements kept prepared; 0 prepares none.
    let capacity: Int
    private var entries: [Key: Entry] = [:]
    /// Names forgotten but still prepared on the server.
    private var retired: [String] = []
    private var clock: UInt64 = 0
    private var lastNumber = 0

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Statements cached (at most `capacity` once ``namesToDeallocate()`` has run).
    var count: Int { entries.count }

    /// The name of the statement prepared for `key`, marked as just used; `nil` when there is none.
    mutating func use(_ key: Key) -> String? {
        guard var entry = entries[key] else { return nil }
        clock += 1
        entry.lastUse = clock
        entries[key] = entry
        return entry.name
    }

    /// A name no statement of this connection has had, for the next `PQprepare`.
    mutating func makeName() -> String {
        lastNumber += 1
        return "cached_\(lastNumber)"
    }

    /// Records that `key` was prepared as `name`, the most recently used.
    mutating func insert(_ key: Key, name: String) {
        clock += 1
        entries[key] = Entry(name: name, lastUse: clock)
    }

    /// Forgets `key`'s statement, which the server refused to run as prepared (its result type changed):
    /// it is deallocated later and prepared afresh on its next use.
    mutating func retire(_ key: Key) {
        if let entry = entries.removeValue(forKey: key) {
            retired.append(entry.name)
        }
    }

    /// Forgets every statement without deallocating: the server no longer has them (`DISCARD ALL`,
    /// `DEALLOCATE ALL` ran on the connection).
    mutating func removeAll() {
        entries.removeAll()
        retired.removeAll()
    }

    /// Evicts the least recently used statements beyond `capacity`, and returns their names with those
    /// retired earlier: what to `DEALLOCATE` now. Call it only outside a transaction block.
    mutating func namesToDeallocate() -> [String] {
        while entries.count > capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            entries[oldest.key] = nil
            retired.append(oldest.value.name)
        }
        defer { retired.removeAll() }
        return retired
    }
}
