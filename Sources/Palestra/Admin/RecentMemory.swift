import Synchronization

/// Values this process remembers for a while by name, each trusted for ``lifetime`` after it was remembered: the
/// admin engine's memories of where deep pages start (``AdminPageStarts``), of what searched lists matched
/// (``AdminMatchMemory``) and of the pages it rendered (``AdminPageCache``), and the API's checked tokens
/// (``APICredentialCache``). At ``capacity``, the expired are forgotten, and all of them if none had expired.
final class RecentMemory<Value: Sendable>: Sendable {
    let lifetime: Duration
    let capacity: Int
    private let entries = Mutex<[String: (value: Value, when: ContinuousClock.Instant)]>([:])

    init(lifetime: Duration, capacity: Int) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// What was remembered as `name` less than ``lifetime`` ago.
    func value(_ name: String, now: ContinuousClock.Instant = .now) -> Value? {
        entries.withLock { entries in
            guard let known = entries[name] else { return nil }
            guard now - known.when < lifetime else {
                entries[name] = nil
                return nil
            }
            return known.value
        }
    }

    func remember(_ name: String, _ value: Value, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { now - $0.value.when < lifetime }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[name] = (value, now)
        }
    }

    func forget(_ name: String) {
        entries.withLock { $0[name] = nil }
    }

    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }

    /// How many values are held, the expired not yet forgotten among them.
    var count: Int { entries.withLock { $0.count } }
}
