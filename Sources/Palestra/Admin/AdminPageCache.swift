import Hummingbird
import Postgres
import Synchronization

/// Change lists this process rendered, each kept for the session it was rendered for and given again, byte for byte,
/// while nothing it shows can have changed: the same session (its CSRF token, user, role, unread count — and no
/// flash message), the same language, address and organisation date, and the same data version.
///
/// The data's version (`data_version`, Migrations/0020_data_version.sql) comes with the session on every request.
/// Every transaction that writes a watched table moves it on when it commits, so a version unchanged since a page was
/// rendered means no such write has committed since: the page is what reading again would give. A page is labelled
/// with the version its request read *before* reading the page, so a write committed in between makes the label
/// older than the page, never newer — at worst a page is rendered again needlessly, never shown stale. A write this
/// process makes (a save, a list edit, an action) commits before its redirect is answered, so the next page reads the
/// new version.
///
/// What it saves: for the attendance list's bench search, the page's statements, the view model and the render —
/// about 1.3 of the request's 1.8 ms of CPU. What it costs: ``capacity`` pages of memory at most (about 85 KB each
/// for a 50-row list-editable page), and a commit-time update of `data_version`'s row for every writing transaction.
///
/// Never kept: a page with a flash message (it is shown once), an answer other than 200 (a refused action), and a
/// list of a resource on an unwatched table (``unwatchedTables``: the job queue), whose rows change without moving the
/// version. `PALESTRA_PAGE_CACHE_PAGES=0` turns it off.
final class AdminPageCache: Sendable {
    /// Tables whose writes do not move the data's version: sessions and sign-in bookkeeping, written on requests that
    /// only read, and the job queue, written all the time by workers. The migration leaves exactly these (and its own
    /// two tables and `schema_migrations`) without the `data_changed` trigger; a test holds every other table to it.
    static let unwatchedTables: Set<String> = [
        "sessions", "login_attempts", "login_devices", "rate_limits", "jobs", "job_workers", "periodic_runs",
    ]

    struct Page: Sendable {
        let session: BrowserSession
        let today: CalendarDate
        let body: ByteBuffer
    }

    /// How long a page is kept at most, whatever the version: a bound on memory held for sessions gone quiet.
    static let lifetime = Duration.seconds(600)

    let capacity: Int
    private let pages: RecentMemory<Page>
    private let counts = Mutex((hits: 0, misses: 0))

    init(capacity: Int) {
        self.capacity = capacity
        pages = RecentMemory(lifetime: Self.lifetime, capacity: max(capacity, 1))
    }

    /// Whether `resource`'s change list may be kept at all.
    func keeps(_ resource: AdminResource) -> Bool {
        capacity > 0 && !Self.unwatchedTables.contains(resource.table)
    }

    /// The page kept for this request, if everything it depends on is as it was.
    func page(_ uri: String, context: SignedInContext, today: CalendarDate) -> ByteBuffer? {
        let session = context.signedInSession
        let kept = pages.value(Self.key(uri, context: context)).flatMap { page in
            page.session == session && page.today == today ? page.body : nil
        }
        counts.withLock { kept == nil ? ($0.misses += 1) : ($0.hits += 1) }
        return kept
    }

    /// Keeps a page this request rendered, unless the session showed a flash message with it.
    func keep(_ body: ByteBuffer, for uri: String, context: SignedInContext, today: CalendarDate) {
        let session = context.signedInSession
        guard session.flashes.isEmpty, session.dataVersion > 0 else { return }
        pages.remember(Self.key(uri, context: context), Page(session: session, today: today, body: body))
    }

    /// Pages given from memory and pages rendered, since start-up (the tests read them).
    var hitsAndMisses: (hits: Int, misses: Int) { counts.withLock { $0 } }

    private static func key(_ uri: String, context: SignedInContext) -> String {
        context.signedInSession.token + " " + context.language.rawValue + " " + uri
    }
}
