import Hummingbird
import Postgres

/// Change lists this process rendered, each kept for the session it was rendered for and given again, byte for byte,
/// while nothing it shows can have changed: the same session (its CSRF token, user, role, language setting, unread
/// count — and no flash message), the same language, address and organisation date, and the same ``DataVersion``.
///
/// The data's version comes with the session on every request. Every transaction that writes a watched table moves
/// it on when it commits (Migrations/0020_data_version.sql), so a version unchanged since a page was rendered means no
/// such write has committed since: the page is what reading again would give. A page is labelled with the version its
/// request read *before* reading the page, so a write committed in between makes the label older than the page, never
/// newer — at worst a page is rendered again needlessly, never shown stale. A write this process makes (a save, a list
/// edit, an action) commits before its redirect is answered, so the next page reads the new version. The version also
/// holds the database clock's quarter hour (so a page computed with "today" is not kept past midnight in any zone) and
/// the database server's start (a restore or fail-over could count the same numbers again).
///
/// A page is kept for ``lifetime`` at most, the time the engine trusts its other memories of a list (where a deep page
/// starts, how many rows a search matched: ``AdminMatchMemory``), so it shows nothing older than a page rendered anew.
///
/// What it saves: for the attendance list's bench search, the page's statements, the view model and the render —
/// about 1.7 of the request's 1.9 ms of CPU. What it costs: ``capacity`` pages of memory at most (about 85 KB each for
/// a 50-row list-editable page), and a commit-time update of a `data_version` stripe for every writing transaction.
///
/// Never kept: a page with a flash message (it is shown once), an answer other than 200 (a refused action), and a list
/// of a resource on an unwatched table (``DataVersion/unwatchedTables``: the job queue), whose rows change without moving the
/// version. A kept list answers with `X-Page-Cache: hit`, one rendered for keeping with `miss`.
/// `PALESTRA_PAGE_CACHE_PAGES=0` turns it off.
final class AdminPageCache: Sendable {
    struct Page: Sendable {
        let session: BrowserSession
        let body: ByteBuffer
    }

    /// How long a page is kept at most, whatever the version.
    static let lifetime = AdminMatchMemory.lifetime

    let capacity: Int
    private let pages: RecentMemory<Page>

    init(capacity: Int) {
        self.capacity = capacity
        pages = RecentMemory(lifetime: Self.lifetime, capacity: max(capacity, 1))
    }

    /// Whether `resource`'s change list may be kept at all.
    func keeps(_ resource: AdminResource) -> Bool {
        capacity > 0 && Self.movesDataVersion(resource)
    }

    /// Whether every write to what `resource`'s change list reads moves the data's version: its table is watched
    /// (``DataVersion/watches(_:)``; a test `EXPLAIN`s every such list's statements, for every role, and finds no
    /// unwatched table read). What is kept of such a list while the version stands — a page here, a count in
    /// ``AdminMatchMemory`` — is what a fresh read would give.
    static func movesDataVersion(_ resource: AdminResource) -> Bool {
        DataVersion.watches(resource.table)
    }

    /// The page kept for this request, if everything it depends on is as it was.
    func page(_ uri: String, context: SignedInContext, today: CalendarDate) -> ByteBuffer? {
        let session = context.signedInSession
        return pages.value(Self.key(uri, context: context, today: today)).flatMap { page in
            page.session == session ? page.body : nil
        }
    }

    /// Keeps a page this request rendered, unless the session showed a flash message with it.
    func keep(_ body: ByteBuffer, for uri: String, context: SignedInContext, today: CalendarDate) {
        let session = context.signedInSession
        guard session.flashes.isEmpty, session.dataVersion != nil else { return }
        pages.remember(Self.key(uri, context: context, today: today), Page(session: session, body: body))
    }

    /// The session, the language, the organisation's date and the address.
    private static func key(_ uri: String, context: SignedInContext, today: CalendarDate) -> String {
        context.signedInSession.token + " " + context.language.rawValue + " " + today.description + " " + uri
    }
}
