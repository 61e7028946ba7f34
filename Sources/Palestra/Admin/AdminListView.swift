/// The change list page's view model: every string preformatted, every link built.
struct AdminListView: Sendable {
    struct Header: Sendable {
        let label: String
        let sortURL: String
        let isSortable: Bool
        let isSorted: Bool
        let isDescending: Bool
        /// "1", "2"… when several columns sort the list.
        let priority: String
        let ariaSort: String
        let isSecondary: Bool
    }

    struct Cell: Sendable {
        let text: String
        let isLink: Bool
        let url: String
        let isSecondary: Bool
    }

    struct Row: Sendable {
        let id: String
        let label: String
        let cells: [Cell]
    }

    struct Option: Sendable {
        let value: String
        let label: String
    }

    struct Hidden: Sendable {
        let name: String
        let value: String
    }

    let title: String
    let listURL: String
    let addURL: String
    let canAdd: Bool
    let addLabel: String
    let search: String
    let hasSearchFields: Bool
    /// The filters and ordering, kept by the search form.
    let searchHidden: [Hidden]
    let resultSummary: String
    let clearURL: String
    let isFiltered: Bool
    let filters: [AdminFilterView]
    let hasFilters: Bool
    let activeFilterCount: String
    let headers: [Header]
    let rows: [Row]
    let hasRows: Bool
    let actions: [Option]
    let hasActions: Bool
    let actionURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let listQuery: String
    let selectAcrossLabel: String
    let showSelectAcross: Bool
    let pages: [AdminPageLink]
    let hasPages: Bool
    let previousURL: String
    let hasPrevious: Bool
    let nextURL: String
    let hasNext: Bool
}

/// A page number (or a gap) in a change list's pagination.
struct AdminPageLink: Sendable {
    let label: String
    let url: String
    let isCurrent: Bool
    let isGap: Bool

    /// First and last two pages, two on each side of the current one, gaps between.
    static func links(current: Int, count: Int, url: (Int) -> String) -> [AdminPageLink] {
        guard count > 1 else { return [] }
        var shown = Set([1, 2, count - 1, count])
        for page in (current - 2)...(current + 2) where (1...count).contains(page) { shown.insert(page) }
        var links: [AdminPageLink] = []
        var previous = 0
        for page in shown.filter({ (1...count).contains($0) }).sorted() {
            if page > previous + 1 { links.append(AdminPageLink(label: "…", url: "", isCurrent: false, isGap: true)) }
            links.append(AdminPageLink(label: String(page), url: url(page), isCurrent: page == current, isGap: false))
            previous = page
        }
        return links
    }
}
