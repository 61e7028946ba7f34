/// One page of a change list as the store reads it: each row's id, label and cells (as PostgreSQL prints them).
struct AdminListPage: Sendable {
    struct Row: Sendable {
        let id: Int
        let label: String
        let cells: [String?]
    }

    let rows: [Row]
    let total: Int
    /// The total is the planner's estimate (above ``AdminListStore/exactCountLimit`` rows).
    let isEstimate: Bool
}
