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
/// - **Many** (a total shown as "about"): the page's rows come with the choices and the remembered total is the
///   total. Either an estimate of ``AdminListStore/trustedEstimate`` or more, which the page shows without counting
///   (the planner's estimate moves little between analyses, with the table's size, and is shown as one), or the larger
///   of the estimate and a count that passed ``AdminListStore/exactCountLimit``. Counted again on every request, such a
///   list scanned that many rows each time (10 ms on the bench's `q=Sokolov&status=present`, the Django anchor's
///   search); its count is trusted only while the data's version it was read at stands (``DataVersion``, read with the
///   session before the count), so after any committed write it is counted again and an admin's own deletions show at
///   once. A list whose rows change without moving the version (the job queue's, ``AdminPageCache/movesDataVersion(_:)``)
///   does not remember a count. A page with fewer rows than a page holds is the list's last, so its total is exact and
///   shown so (and remembered as few when it is);
///   a page past the end is read by the estimate again.
final class AdminMatchMemory: Sendable {
    enum Matched: Equatable, Sendable {
        case few
        /// `counted`: the data's version the count was read at; `nil` for an estimate shown without counting.
        case many(estimate: Int, counted: DataVersion? = nil)
    }

    /// How long a count or an estimate is trusted.
    static let lifetime = Duration.seconds(60)
    /// The most lists kept (``RecentMemory``).
    static let capacity = 1_000

    private let lists = RecentMemory<Matched>(lifetime: lifetime, capacity: capacity)

    /// What `list` (its resource, conditions and their values) matched less than ``lifetime`` ago, if it is known and
    /// still holds with the data at `version`: a count read at another version (or at an unknown one) does not.
    func matched(_ list: String, at version: DataVersion?, now: ContinuousClock.Instant = .now) -> Matched? {
        let matched = lists.value(list, now: now)
        if case .many(_, let counted?)? = matched, counted != version { return nil }
        return matched
    }

    func remember(_ list: String, _ matched: Matched, now: ContinuousClock.Instant = .now) {
        lists.remember(list, matched, now: now)
    }

    func forget(_ list: String) {
        lists.forget(list)
    }
}
