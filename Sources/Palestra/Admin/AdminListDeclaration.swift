/// The change list's part of a resource's declaration (Django's `list_display`, `search_fields`,
/// `list_filter`, `ordering`, `list_per_page`, `actions`, `list_editable`, `list_select_related`): what the
/// list shows, how it is searched, filtered, sorted and paged, what may be done to many rows at once, and what
/// is edited in place.
public struct AdminListDeclaration: Sendable {
    public let columns: [AdminColumn]
    /// What `q` searches: each word must match one of them. An expression is compared with `ILIKE
    /// '%word%'`; one containing `{pattern}` (`%word%`) or `{prefix}` (`word%`) is a whole condition with the
    /// pattern bound there (e.g. `athlete_id IN (SELECT id FROM athletes WHERE full_name_folded LIKE
    /// lower({pattern}))`, which an index serves).
    public let searchExpressions: [String]
    public let filters: [AdminFilter]
    /// Column indexes (1-based, negative for descending), Django's `o` parameter.
    public let defaultOrdering: [Int]
    public let pageSize: Int
    public let actions: [AdminAction]
    /// Fields edited on the change list itself (Django's `list_editable`), each shown in the column of the
    /// same name; one Save saves every row under its own version.
    public let editable: [String]
    /// Links beside the change list's heading (`label` catalog key, a site URL), e.g. to an overview page.
    public let links: [(label: String, url: String)]
    /// Rows of other tables the columns show, joined to the page once it is chosen (Django's
    /// `list_select_related`).
    public let related: [AdminRelated]
    /// A row's label as the page reads it, over the related rows (e.g. `athlete.full_name || ', ' ||
    /// session_date`): the same text as the resource's ``AdminResource/labelExpression``, read from a join
    /// instead of a subquery a row. `nil`: the resource's own. The tests compare the two.
    public let labelExpression: String?

    public init(
        columns: [AdminColumn], searchExpressions: [String] = [], filters: [AdminFilter] = [], defaultOrdering: [Int] = [1],
        pageSize: Int = 50, actions: [AdminAction] = [], editable: [String] = [], links: [(label: String, url: String)] = [],
        related: [AdminRelated] = [], labelExpression: String? = nil
    ) {
        self.columns = columns
        self.searchExpressions = searchExpressions
        self.filters = filters
        self.defaultOrdering = defaultOrdering
        self.pageSize = pageSize
        self.actions = actions
        self.editable = editable
        self.links = links
        self.related = related
        self.labelExpression = labelExpression
    }
}
