import Synchronization

/// Searched or filtered lists known, from a recent exact count, to match few rows (``AdminListStore/probeLimit``
/// at most): the next request for the same conditions (another page, a reload, the rows saved) reads its page's
/// keys and count in one scan that stops past the limit, pipelined with the filters' choices, instead of asking
/// the planner's estimate first. That saves a round trip and the estimate's planning (0.4 ms of PostgreSQL a
/// request on the attendance list's bench search, which went from 608 to 687 requests/s). A list that matches many
/// rows is never remembered: for it the same scan cost up to 6 ms (a broad name search over 1,000,000 users, whose
/// index is read whole before the limit applies), which the estimate avoids. The scan checks itself: past the
/// limit, the list is forgotten and read by the estimate as before, so a stale memory costs one scan, never a
/// wrong page.
final class AdminFewMatches: Sendable {
    /// How long a count is trusted to stay small.
    static let lifetime = Duration.seconds(60)
    /// The most lists kept (all are forgotten beyond it).
    static let capacity = 1_000

    private let counted = Mutex<[String: ContinuousClock.Instant]>([:])

    /// Whether `list` (its resource, conditions and their values) matched few rows less than ``lifetime`` ago.
    func matchesFew(_ list: String, now: ContinuousClock.Instant = .now) -> Bool {
        counted.withLock { counted in
            guard let when = counted[list] else { return false }
            guard now - when < Self.lifetime else {
                counted[list] = nil
                return false
            }
            return true
        }
    }

    func remember(_ list: String, now: ContinuousClock.Instant = .now) {
        counted.withLock { counted in
            if counted.count >= Self.capacity { counted.removeAll(keepingCapacity: true) }
            counted[list] = now
        }
    }

    func forget(_ list: String) {
        counted.withLock { $0[list] = nil }
    }
}
