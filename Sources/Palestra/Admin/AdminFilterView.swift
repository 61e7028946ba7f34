/// One filter in a change list's side panel: links for each choice, or a date range form.
struct AdminFilterView: Sendable {
    struct Choice: Sendable {
        let label: String
        let url: String
        let isSelected: Bool
    }

    let label: String
    let name: String
    let choices: [Choice]
    let isDate: Bool
    let fromName: String
    let fromValue: String
    let toName: String
    let toValue: String
    let rangeError: String
    let hasRangeError: Bool
    /// The rest of the list's state, kept by the range form.
    let rangeHidden: [AdminListView.Hidden]
    let fromID: String
    let toID: String
    /// The change list's URL, where the range form goes.
    let rangeAction: String
}
