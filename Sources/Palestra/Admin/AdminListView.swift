import Mustache

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
        /// A date or time: kept wide enough not to break inside the date.
        let isMoment: Bool
        /// An `.image` column: the thumbnail's URL and alt text; `isImage` without `hasImage` is the placeholder.
        let isImage: Bool
        let hasImage: Bool
        let imageURL: String
        let imageAlt: String
        /// A list-editable field's input (none, or one), its label for screen readers, and after a
        /// conflict the user's own value.
        let editor: [AdminFormFieldView]
        let isEditable: Bool
        let editorLabel: String
        let yourValue: String
        let hasYourValue: Bool
        /// In a read-only row of a list-editable list, the first editable column says why it has no inputs.
        let lockedReason: String
        let isLocked: Bool
    }

    struct Row: Sendable {
        let id: String
        let label: String
        let cells: [Cell]
        /// Repeated here so the template finds it in the row (a lookup that climbs to the page reflects all of it).
        let hasCheckbox: Bool
        /// A list-editable row: its id posted under `rows`, its version, the values the page shows.
        let isEditable: Bool
        let versionName: String
        let version: String
        let was: [Hidden]
        /// Why the last Save left this row alone (a conflict, read-only, gone).
        let message: String
        let hasMessage: Bool
        /// The table's columns (checkbox included), for the message row's span.
        let columnCount: String
        /// Selected before an action was posted without what it needs, and selected again on the page.
        var isSelected = false
    }

    struct Option: Sendable {
        let value: String
        let label: String
    }

    struct Hidden: Sendable {
        let name: String
        let value: String
    }

    struct Link: Sendable {
        let label: String
        let url: String
    }

    /// A filter at the value the list opens with ("Date: From today"), and the link that lifts it ("Any date").
    struct OpeningFilter: Sendable {
        let label: String
        let allLabel: String
        let allURL: String
    }

    let title: String
    let listURL: String
    let addURL: String
    let canAdd: Bool
    let addLabel: String
    let links: [Link]
    let hasLinks: Bool
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
    let openingFilters: [OpeningFilter]
    let headers: [Header]
    var rows: [Row]
    let hasRows: Bool
    let actions: [Option]
    let hasActions: Bool
    let actionURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let listQuery: String
    let selectAcrossLabel: String
    let showSelectAcross: Bool
    var selectAcrossChecked = false
    /// Why the last action post did nothing (no action chosen, no row selected), said beside the menu.
    var actionError = ""
    var hasActionError = false
    let pages: [AdminPageLink]
    let hasPages: Bool
    let previousURL: String
    let hasPrevious: Bool
    let nextURL: String
    let hasNext: Bool
    /// A page past the last one (`?p=999` of a list of two pages): said, with the way to the last page,
    /// rather than "Nothing matches." under a count of rows that exist.
    let isPastEnd: Bool
    let pastEnd: String
    let lastPageURL: String
    /// Some rows are edited on the list: the form's Save posts them to `editURL`.
    let canEditList: Bool
    let editURL: String
    /// After a Save that left some rows alone or found errors: what happened.
    let editNotice: String
    let hasEditNotice: Bool
}

extension AdminListView {
    /// After an action posted without what it needs: the message beside the menu, the selection kept.
    mutating func keepSelection(_ selected: Set<Int>, across: Bool, error: String?) {
        guard let error else { return }
        actionError = error
        hasActionError = true
        selectAcrossChecked = across
        for index in rows.indices where Int(rows[index].id).map(selected.contains) == true {
            rows[index].isSelected = true
        }
    }
}

extension AdminListView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("listURL", \.listURL), .text("addURL", \.addURL), .bool("canAdd", \.canAdd),
        .text("addLabel", \.addLabel), .list("links", \.links), .bool("hasLinks", \.hasLinks), .text("search", \.search),
        .bool("hasSearchFields", \.hasSearchFields), .list("searchHidden", \.searchHidden),
        .text("resultSummary", \.resultSummary), .text("clearURL", \.clearURL), .bool("isFiltered", \.isFiltered),
        .list("filters", \.filters), .bool("hasFilters", \.hasFilters), .text("activeFilterCount", \.activeFilterCount),
        .list("openingFilters", \.openingFilters),
        .list("headers", \.headers), .list("rows", \.rows), .bool("hasRows", \.hasRows), .list("actions", \.actions),
        .bool("hasActions", \.hasActions), .text("actionURL", \.actionURL), .text("csrfField", \.csrfField),
        .text("csrfToken", \.csrfToken), .text("listQuery", \.listQuery), .text("selectAcrossLabel", \.selectAcrossLabel),
        .bool("showSelectAcross", \.showSelectAcross), .list("pages", \.pages), .bool("hasPages", \.hasPages),
        .text("previousURL", \.previousURL), .bool("hasPrevious", \.hasPrevious), .text("nextURL", \.nextURL),
        .bool("hasNext", \.hasNext), .bool("isPastEnd", \.isPastEnd), .text("pastEnd", \.pastEnd), .text("lastPageURL", \.lastPageURL), .bool("canEditList", \.canEditList), .text("editURL", \.editURL),
        .text("editNotice", \.editNotice), .bool("hasEditNotice", \.hasEditNotice),
        .bool("selectAcrossChecked", \.selectAcrossChecked), .text("actionError", \.actionError),
        .bool("hasActionError", \.hasActionError),
    ])
}

extension AdminListView.Link: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url),
    ])
}

extension AdminListView.OpeningFilter: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("allLabel", \.allLabel), .text("allURL", \.allURL),
    ])
}

extension AdminListView.Hidden: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("value", \.value),
    ])
}

extension AdminListView.Header: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("sortURL", \.sortURL), .bool("isSortable", \.isSortable), .bool("isSorted", \.isSorted),
        .bool("isDescending", \.isDescending), .text("priority", \.priority), .text("ariaSort", \.ariaSort),
        .bool("isSecondary", \.isSecondary),
    ])
}

extension AdminListView.Row: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("id", \.id), .text("label", \.label), .list("cells", \.cells), .bool("hasCheckbox", \.hasCheckbox),
        .bool("isEditable", \.isEditable), .text("versionName", \.versionName), .text("version", \.version), .list("was", \.was),
        .text("message", \.message), .bool("hasMessage", \.hasMessage), .text("columnCount", \.columnCount),
        .bool("isSelected", \.isSelected),
    ])
}

extension AdminListView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label),
    ])
}

extension AdminListView.Cell: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("text", \.text), .bool("isLink", \.isLink), .text("url", \.url), .bool("isSecondary", \.isSecondary),
        .bool("isMoment", \.isMoment), .bool("isImage", \.isImage), .bool("hasImage", \.hasImage), .text("imageURL", \.imageURL),
        .text("imageAlt", \.imageAlt), .list("editor", \.editor), .bool("isEditable", \.isEditable),
        .text("editorLabel", \.editorLabel), .text("yourValue", \.yourValue), .bool("hasYourValue", \.hasYourValue),
        .text("lockedReason", \.lockedReason), .bool("isLocked", \.isLocked),
    ])
}
