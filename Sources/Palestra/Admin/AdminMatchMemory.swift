/// What searched or filtered lists matched a moment ago, by resource, conditions and values, so their next request
/// (another page, a reload, the rows saved) skips asking the planner's estimate first: a round trip and the
/// estimate's planning (0.4 ms of PostgreSQL a request on the attendance list's bench search).
///
/// - **Few** (an exact count of ``AdminListStore/probeLimit`` at most): the page's rows and count come from one
///   statement whose scan stops past the limit, pipelined with the filters' choices (608 → 687 requests/s on the
///   bench search with the keys alone; reading the rows in the same statement saved the next round trip: about
///   1,000 → 1,060). The scan checks itself: past the limit, the list is forgotten and read by the estimate as before, so
///   a stale memory costs one scan, never a wrong page. A list that matches many rows is never read that way: for
///   it the same scan cost up to 6 ms (a broad name search over 1,000,000 users, whose index is read whole before
///   the limit applies).
/// - **Many** (a total shown as "about": an estimate of ``AdminListStore/trustedEstimate`` or more, which the page
///   shows without counting, or a count that passed ``AdminListStore/exactCountLimit`` — counted again, it scanned
///   that many rows every request, 10 ms on the bench's `q=Sokolov&status=present`): the page's rows come with the
///   choices and the remembered total is the total. The planner's estimate moves
///   little between analyses (with the table's size), and it is shown as one ("about"). A page with fewer rows
///   than a page holds is the list's last, so its total is exact and shown so (and remembered as few when it is);
///   a page past the end is read by the estimate again.
final class AdminMatchMemory: Sendable {
    enum Matched: Equatable, Sendable {
        case few
        case many(estimate: Int)
    }

    /// How long a count or an estimate is trusted.
    static let lifetime = Duration.seconds(60)
    /// The most lists kept (``RecentMemory``).
    static let capacity = 1_000

    private let lists = RecentMemory<Matched>(lifetime: lifetime, capacity: capacity)

    /// What `list` (its resource, conditions and their values) matched less than ``lifetime`` ago, if it is known.
    func matched(_ list: String, now: ContinuousClock.Instant = .now) -> Matched? {
        lists.value(list, now: now)
    }

    func remember(_ list: String, _ matched: Matched, now: ContinuousClock.Instant = .now) {
        lists.remember(list, matched, now: now)
    }

    func forget(_ list: String) {
        lists.forget(list)
    }
}
