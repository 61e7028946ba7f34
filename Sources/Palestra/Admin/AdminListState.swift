import Postgres

/// A change list's state in its query string — search `q`, page `p`, ordering `o` (Django's
/// `2.-1`: 1-based column indexes, `-` for descending) and each filter's value — and the links that
/// change one part while keeping the rest.
struct AdminListState: Sendable, Equatable {
    var search: String
    var page: Int
    var ordering: [Int]
    /// Filter parameters as they came (`role=coach`, `created_from=2026-01-01`), known names only; a filter
    /// the address does not name has its declared default (`session_date=from-today`).
    var filterValues: [(name: String, value: String)]
    /// The organisation's date, from which the open-ended date choices ("From today", "Before today") run.
    let today: CalendarDate
    /// Parameters the list is not filtered by, though links keep them and their filter shows them with a
    /// message: a date that does not exist, a range ending before it starts, a choice the user is not offered.
    private(set) var refused: Set<String> = []

    static let maximumSearchLength = 200

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.search == rhs.search && lhs.page == rhs.page && lhs.ordering == rhs.ordering
            && lhs.filterValues.elementsEqual(rhs.filterValues, by: { $0 == $1 }) && lhs.today == rhs.today
            && lhs.refused == rhs.refused
    }

    /// The query string a change list's forms post back with them (`list_query`), at most 2,000 characters.
    static func postedQuery(_ form: FormData) -> String {
        String((form.value("list_query") ?? "").prefix(2000))
    }

    /// The state of the list a form was posted from (its `list_query`); a malformed one is the default state.
    init(posted form: FormData, resource: AdminResource, today: CalendarDate) {
        self.init(query: (try? FormData(urlEncoded: Substring(Self.postedQuery(form)))) ?? FormData(), resource: resource, today: today)
    }

    /// Reads the state, ignoring what the resource does not know (unknown columns, filters, bad numbers),
    /// giving each filter the address does not name its default, and refusing impossible date ranges.
    init(query: FormData, resource: AdminResource, today: CalendarDate) {
        self.today = today
        search = String((query.value("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(Self.maximumSearchLength))
        page = query.value("p").flatMap(Int.init).map { max(1, min($0, 1_000_000)) } ?? 1
        let sortable = Set(resource.list.columns.indices.filter { resource.list.columns[$0].sortExpression != nil }.map { $0 + 1 })
        var seen = Set<Int>()
        // Only indexes of sortable columns survive, before any arithmetic on them (Int.min has no absolute value).
        let columns = -resource.list.columns.count...resource.list.columns.count
        ordering = (query.value("o") ?? "").split(separator: ".").compactMap { Int($0) }.filter { index in
            columns.contains(index) && sortable.contains(abs(index)) && seen.insert(abs(index)).inserted
        }
        if ordering.isEmpty { ordering = resource.list.defaultOrdering }
        let names = Set(resource.list.filters.flatMap { [$0.name, $0.name + "_from", $0.name + "_to"] })
        filterValues = query.fields.filter { names.contains($0.name) && !$0.value.isEmpty }
            .map { (String($0.name.prefix(100)), String($0.value.prefix(100))) }
        for filter in resource.list.filters {
            let named = [filter.name, filter.name + "_from", filter.name + "_to"]
            if let value = filter.defaultValue, !query.fields.contains(where: { named.contains($0.name) }) {
                filterValues.append((filter.name, value))
            }
            guard case .date = filter.kind else { continue }
            let from = typedValue(filter.name + "_from"), to = typedValue(filter.name + "_to")
            for name in named.dropFirst() where typedValue(name).map({ CalendarDate($0) == nil }) == true { refused.insert(name) }
            if let from = from.flatMap(CalendarDate.init), let to = to.flatMap(CalendarDate.init), from > to {
                refused.formUnion(named.dropFirst())
            }
        }
    }

    /// The value the list is filtered by: what the address says unless it was refused, else the bound an
    /// open-ended date choice implies (`session_date=from-today` filters as `session_date_from=<today>`).
    func filterValue(_ name: String) -> String? {
        guard !refused.contains(name) else { return nil }
        if let value = typedValue(name) { return value }
        for (suffix, preset) in [("_from", OpenDatePreset.fromToday), ("_to", .beforeToday)] where name.hasSuffix(suffix) {
            if typedValue(String(name.dropLast(suffix.count))) == preset.rawValue { return preset.bound(today: today)?.description }
        }
        return nil
    }

    /// The value as the address has it (or the filter's default), refused or not.
    func typedValue(_ name: String) -> String? {
        filterValues.first { $0.name == name }?.value
    }

    func isRefused(_ name: String) -> Bool { refused.contains(name) }

    /// The same state, no longer filtered by `name` (its value kept in links and shown with a message).
    func refusing(_ name: String) -> Self {
        var copy = self
        copy.refused.insert(name)
        return copy
    }

    /// The query string of this state (without `?`), defaults left out.
    func queryString(resource: AdminResource) -> String {
        var parts: [String] = []
        if !search.isEmpty { parts.append("q=" + SiteURL.queryEscaped(search)) }
        let defaults = resource.list.filters.compactMap { filter in filter.defaultValue.map { (filter.name, $0) } }
        for (name, value) in filterValues where !defaults.contains(where: { $0 == (name, value) }) {
            parts.append(name + "=" + SiteURL.queryEscaped(value))
        }
        if ordering != resource.list.defaultOrdering { parts.append("o=" + ordering.map(String.init).joined(separator: ".")) }
        if page > 1 { parts.append("p=\(page)") }
        return parts.joined(separator: "&")
    }

    func url(resource: AdminResource) -> String {
        let query = queryString(resource: resource)
        return AdminURL.changeList(resource.slug) + (query.isEmpty ? "" : "?" + query)
    }

    /// The same list on another page.
    func onPage(_ page: Int) -> Self {
        var copy = self
        copy.page = page
        return copy
    }

    /// The list with one filter set to `value` (or cleared with `nil`), its range parts cleared, page 1.
    func filtering(_ name: String, _ value: String?) -> Self {
        var copy = self
        copy.filterValues.removeAll { $0.name == name || $0.name == name + "_from" || $0.name == name + "_to" }
        copy.refused.subtract([name, name + "_from", name + "_to"])
        if let value { copy.filterValues.append((name, value)) }
        copy.page = 1
        return copy
    }

    /// The list sorted by `column` first (toggling its direction when it already leads), the rest kept after it.
    func sorting(by column: Int) -> Self {
        var copy = self
        let leading = ordering.first
        copy.ordering.removeAll { abs($0) == column }
        copy.ordering.insert(leading.map { abs($0) == column ? -$0 : column } ?? column, at: 0)
        copy.page = 1
        return copy
    }
}
