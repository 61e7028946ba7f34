/// One reason rows of a resource cannot be changed or deleted by anyone: a condition on the row (trusted
/// SQL), the sentence a form, a Save or a bulk action says (a catalog key), and the short reason a change
/// list shows in the row instead of its inputs (a catalog key, e.g. "Session closed").
public struct AdminReadOnlyRule: Sendable {
    public let sql: String
    public let message: String
    public let reason: String
    /// Bulk actions that still apply to the rows this rule holds for: an approved commission entry
    /// cannot be changed, but it can be marked paid.
    public let allowing: Set<String>
    /// The same condition over the change list's related rows (``AdminListDeclaration/related``), which the
    /// page's rows read instead of ``sql``: a row already joined rather than a subquery a row (which PostgreSQL
    /// may plan as a scan of a small table for each of the page's rows). It must hold for exactly the rows `sql`
    /// holds for; the tests compare the two.
    public let onList: String?

    public init(sql: String, message: String, reason: String, allowing: Set<String> = [], onList: String? = nil) {
        self.sql = sql
        self.message = message
        self.reason = reason
        self.allowing = allowing
        self.onList = onList
    }
}
