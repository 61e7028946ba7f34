import Postgres
import Synchronization

/// Where the deep pages of change lists start, remembered for a while, so a page far from the first is read
/// from its first row by index (keyset) instead of by skipping every row before it: `?p=500` of 1,000,000 users
/// walks 25,000 index entries with `OFFSET` (1.5 ms of PostgreSQL's CPU a request), the remembered start reads
/// 50. Reloading a page, saving its list-editable rows (which comes back to the same page) and paging back and
/// forth meet the same starts.
///
/// A start is the page's first row: its key and its sort values as text. It is used only while that row still
/// exists with the same sort values (checked in the same statement; otherwise the page is read by offset and its
/// start remembered anew), for at most ``lifetime``, and only for an order of the table's own `NOT NULL` columns
/// in one direction, which a row comparison `(email, id) >= (…)` follows exactly. Rows added or removed before
/// the start by someone else meanwhile are not counted: the page shows the rows from its remembered first one on,
/// which is what its reader saw last (its number may be off by those rows until the start expires).
final class AdminPageStarts: Sendable {
    /// A page's first row.
    struct Start: Sendable {
        let key: Int
        let sortValues: [String]
    }

    /// Pages that skip at least this many rows are remembered; nearer ones cost little to skip.
    static let minimumOffset = 1_000
    /// How long a start is trusted.
    static let lifetime = Duration.seconds(60)
    /// The most starts kept (``RecentMemory``).
    static let capacity = 1_000

    private let starts = RecentMemory<Start>(lifetime: lifetime, capacity: capacity)
    /// Each table's `NOT NULL` columns, read once.
    private let notNullColumns = Mutex<[String: Set<String>]>([:])

    /// The start remembered for `page`, while it is fresh.
    func start(of page: String) -> Start? {
        starts.value(page)
    }

    func remember(_ page: String, key: Int, sortValues: [String]) {
        starts.remember(page, Start(key: key, sortValues: sortValues))
    }

    func forget(_ page: String) {
        starts.forget(page)
    }

    /// The `NOT NULL` columns of `table`, from the catalog the first time.
    func notNullColumns(of table: String, on database: PostgresClient) async throws -> Set<String> {
        if let known = notNullColumns.withLock({ $0[table] }) { return known }
        let rows = try await database.query(
            "SELECT attname::text AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND attnotnull AND NOT attisdropped",
            [table]
        )
        let columns = Set(try rows.map { try $0.decode("name", as: String.self) })
        notNullColumns.withLock { $0[table] = columns }
        return columns
    }
}
