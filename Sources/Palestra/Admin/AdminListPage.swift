/// One page of a change list as the store reads it: each row's id, label and cells (as PostgreSQL prints them),
/// the total, and the choices of its foreign-key filters.
struct AdminListPage: Sendable {
    struct Row: Sendable {
        let id: Int
        let label: String
        let cells: [String?]
        /// For a list-editable resource: what its inputs need.
        var edit: Edit? = nil
    }

    /// A row's version, whether the resource's read-only condition holds for it, and its list-editable
    /// fields' values as their inputs hold them.
    struct Edit: Sendable {
        let version: Int
        /// The first of the resource's read-only rules that holds for the row (none: the row can be edited).
        let readOnlyRule: AdminReadOnlyRule?
        let values: [String: String?]

        var isReadOnly: Bool { readOnlyRule != nil }
    }

    let rows: [Row]
    let total: Int
    /// The total is the planner's estimate (above ``AdminListStore/exactCountLimit`` rows).
    let isEstimate: Bool
    /// Each foreign-key filter's choices for the user, by filter name.
    var filterChoices: [String: [AdminChoice]] = [:]
}
