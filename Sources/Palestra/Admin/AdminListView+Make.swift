import Postgres

extension AdminListView {
    /// Builds the page from the resource, the list's state and the rows read for it.
    init(
        resource: AdminResource, state: AdminListState, page: AdminListPage, user: User, csrfToken: String,
        lookups: [String: [AdminChoice]], formatter: AdminCellFormatter, editChoices: [String: [AdminChoice]] = [:],
        edit: AdminListEdit? = nil, editNotice: String? = nil, readOnlyReasons: [Int: String] = [:]
    ) {
        let localizer = formatter.localizer
        title = resource.title(localizer)
        listURL = AdminURL.changeList(resource.slug)
        addURL = AdminURL.addForm(resource.slug)
        canAdd = resource.allows(.add, for: user)
        addLabel = localizer.t("Add {name}", ["name": localizer.t(resource.singularName)])
        links = resource.list.links.map { Link(label: localizer.t($0.label), url: $0.url) }
        hasLinks = !links.isEmpty
        search = state.search
        hasSearchFields = !resource.list.searchExpressions.isEmpty
        var kept = state
        kept.search = ""
        kept.page = 1
        searchHidden = Self.hidden(kept, resource: resource)
        resultSummary = page.isEstimate
            ? localizer.plural("about {count} results", count: page.total)
            : localizer.plural("{count} results", count: page.total)
        clearURL = AdminURL.changeList(resource.slug)
        // A filter's default is the list as it opens, not a narrowing to clear.
        isFiltered = !state.search.isEmpty || state.filterValues.contains { value in
            !resource.list.filters.contains { $0.name == value.name && $0.defaultValue == value.value }
        }
        filters = resource.list.filters.map { Self.filterView($0, state: state, resource: resource, lookups: lookups, localizer: localizer) }
        hasFilters = !resource.list.filters.isEmpty
        // A value the filter does not know is not applied, so it does not count as active.
        let ignored = Set(filters.filter(\.hasValueError).map(\.name))
        let active = Set(state.filterValues.filter {
            !ignored.contains($0.name) && !state.isRefused($0.name) && $0.value != AdminFilter.allValue
        }.map {
            $0.name.replacingOccurrences(of: "_from", with: "").replacingOccurrences(of: "_to", with: "")
        })
        activeFilterCount = active.isEmpty ? "" : localizer.plural("{count} active", count: active.count)
        // Said beside the count, so a phone (its filters folded away) shows why the list starts where it does.
        openingFilters = zip(resource.list.filters, filters).compactMap { filter, view in
            guard let value = filter.defaultValue, state.typedValue(filter.name) == value,
                  let chosen = view.choices.first(where: { $0.value == value }), let all = view.choices.first
            else { return nil }
            return OpeningFilter(label: view.label + ": " + chosen.label, allLabel: all.label, allURL: all.url)
        }
        headers = resource.list.columns.enumerated().map { index, column in
            let position = state.ordering.firstIndex { abs($0) == index + 1 }
            let descending = position.map { state.ordering[$0] < 0 } ?? false
            return Header(
                label: localizer.t(column.label),
                sortURL: state.sorting(by: index + 1).url(resource: resource),
                isSortable: column.sortExpression != nil,
                isSorted: position != nil,
                isDescending: descending,
                priority: position.map { state.ordering.count > 1 ? String($0 + 1) : "" } ?? "",
                ariaSort: position == 0 ? (descending ? "descending" : "ascending") : "none",
                isSecondary: column.isSecondary
            )
        }
        let canOpen = resource.allows(.view, for: user)
        let hasCheckbox = !resource.availableActions(for: user).isEmpty
        let canEdit = resource.allows(.change, for: user)
        let editableFields = resource.listEditableFields
        let editable = canEdit ? Dictionary(uniqueKeysWithValues: editableFields.map { ($0.name, $0) }) : [:]
        let firstEditable = resource.list.columns.firstIndex { editable[$0.name] != nil }
        // What each column's cells share, found once a page rather than once a cell (50 rows of 7 cells).
        let columnEditors = resource.list.columns.map { column in
            editable[column.name].map { field in
                ColumnEditor(field: field, label: localizer.t(column.label), choices: field.kind.fixedChoices ?? editChoices[field.name] ?? [])
            }
        }
        let columnCount = String(resource.list.columns.count + (hasCheckbox ? 1 : 0))
        rows = page.rows.map { row in
            let rowEdit = row.edit.flatMap { $0.isReadOnly ? nil : $0 }
            // A row that is read-only says why in its first editable column, instead of inputs.
            let locked = row.edit?.isReadOnly == true ? readOnlyReasons[row.id] : nil
            let posted = edit?.row(row.id)
            let id = String(row.id)
            let rowPrefix = "row-" + id + "-"
            let loaded = rowEdit.map { Self.loadedState(rowPrefix: rowPrefix, edit: $0, posted: posted, fields: editableFields) }
            return Row(id: id, label: row.label, cells: resource.list.columns.enumerated().map { index, column in
                let image = column.format.isImage ? row.cells[index] : nil
                var editor: [AdminFormFieldView] = [], editorLabel = "", yourValue = ""
                if let rowEdit, let columnEditor = columnEditors[index] {
                    let made = Self.editor(
                        columnEditor.field, rowPrefix: rowPrefix, edit: rowEdit, posted: posted, choices: columnEditor.choices, formatter: formatter
                    )
                    (editor, editorLabel, yourValue) = ([made.input], columnEditor.label + ", " + row.label, made.yourValue)
                }
                // What a cell shows only as a link, a photo or an input is built only for such a cell.
                let isLink = index == 0 && canOpen
                return Cell(
                    text: formatter.format(row.cells[index], as: column.format),
                    isLink: isLink,
                    url: isLink ? AdminURL.changeForm(resource.slug, id) : "",
                    isSecondary: column.isSecondary,
                    isMoment: column.format.isMoment,
                    isImage: column.format.isImage,
                    hasImage: image != nil,
                    imageURL: image.map(MediaURL.file) ?? "",
                    imageAlt: image == nil ? "" : localizer.t("Photo of {name}", ["name": row.label]),
                    editor: editor, isEditable: !editor.isEmpty, editorLabel: editorLabel,
                    yourValue: yourValue, hasYourValue: !yourValue.isEmpty,
                    lockedReason: index == firstEditable ? locked ?? "" : "", isLocked: index == firstEditable && locked != nil
                )
            }, hasCheckbox: hasCheckbox, isEditable: rowEdit != nil,
            versionName: rowPrefix + "version", version: loaded?.version ?? "", was: loaded?.was ?? [],
            message: posted?.message ?? "", hasMessage: posted?.message != nil,
            columnCount: columnCount)
        }
        hasRows = !page.rows.isEmpty
        // No action is chosen until the person chooses one.
        let offered = resource.availableActions(for: user).map { Option(value: $0.name, label: localizer.t($0.label)) }
        actions = offered.isEmpty ? [] : [Option(value: "", label: localizer.t("Choose an action"))] + offered
        hasActions = !actions.isEmpty && hasRows
        actionURL = AdminURL.actions(resource.slug)
        self.csrfToken = csrfToken
        var unpaged = state
        unpaged.page = 1
        listQuery = unpaged.queryString(resource: resource)
        selectAcrossLabel = page.isEstimate
            ? localizer.plural("Select all (about {count}) matching", count: page.total)
            : localizer.plural("Select all {count} matching", count: page.total)
        showSelectAcross = page.total > page.rows.count
        let pageCount = max(1, (page.total + resource.list.pageSize - 1) / resource.list.pageSize)
        pages = AdminPageLink.links(current: state.page, count: pageCount) { state.onPage($0).url(resource: resource) }
        hasPages = pageCount > 1
        previousURL = state.onPage(state.page - 1).url(resource: resource)
        hasPrevious = state.page > 1
        nextURL = state.onPage(state.page + 1).url(resource: resource)
        hasNext = state.page < pageCount
        isPastEnd = page.rows.isEmpty && page.total > 0 && state.page > 1
        pastEnd = !isPastEnd ? "" : page.isEstimate
            ? localizer.t("There is no page {page}: the list ends before it.", ["page": localizer.format.number(state.page)])
            : Localizer.fill(
                localizer.plural("There is no page {page}: the list has {count} pages.", count: pageCount), with: ["page": localizer.format.number(state.page)]
            )
        lastPageURL = state.onPage(pageCount).url(resource: resource)
        canEditList = rows.contains(where: \.isEditable)
        editURL = AdminURL.listEdit(resource.slug)
        self.editNotice = editNotice ?? ""
        hasEditNotice = editNotice != nil
    }

    /// What the inputs of one list-editable column share on a page.
    private struct ColumnEditor {
        let field: AdminField
        /// The column's label, for each input's accessible name.
        let label: String
        let choices: [AdminChoice]
    }

    /// Hidden inputs repeating a state, so a GET form (search, a date range) keeps the rest of it.
    static func hidden(_ state: AdminListState, resource: AdminResource) -> [Hidden] {
        state.queryString(resource: resource).split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let value = try? FormData.decode(parts[1]) else { return nil }
            return Hidden(name: String(parts[0]), value: value)
        }
    }

    static func filterView(
        _ filter: AdminFilter, state: AdminListState, resource: AdminResource, lookups: [String: [AdminChoice]],
        localizer: Localizer
    ) -> AdminFilterView {
        let current = state.typedValue(filter.name)
        // Beyond the link limit the choices are a select, which posts values: no link is built for them.
        let links = switch filter.kind {
        case .foreignKey: (lookups[filter.name]?.count ?? 0) + 1 <= AdminFilterView.linkLimit
        default: true
        }
        // A date choice leads a list sorted by its date the way that shows the nearest days first.
        let column = resource.list.columns.firstIndex { $0.name == filter.name }.map { $0 + 1 }
        func choice(_ label: String, _ value: String?, descending: Bool? = nil) -> AdminFilterView.Choice {
            guard links else { return AdminFilterView.Choice(label: label, value: value ?? "", url: "", isSelected: current == value) }
            var target = state.filtering(filter.name, value)
            if let column, let descending, let first = state.ordering.first, abs(first) == column {
                target.ordering[0] = descending ? -column : column
            }
            return AdminFilterView.Choice(label: label, value: value ?? "", url: target.url(resource: resource), isSelected: current == value)
        }
        // With a default, "All" must say so in the address (no value means the default).
        let all = filter.defaultValue == nil ? nil : AdminFilter.allValue
        let from = state.typedValue(filter.name + "_from") ?? ""
        let to = state.typedValue(filter.name + "_to") ?? ""
        var choices = [choice(localizer.t("All"), all)]
        var isDate = false
        switch filter.kind {
        case .choices(let options):
            choices += options.map { choice(localizer.t($0.label), $0.value) }
        case .boolean:
            choices += [choice(localizer.t("Yes"), "yes"), choice(localizer.t("No"), "no")]
        case .foreignKey:
            choices += (lookups[filter.name] ?? []).map { choice($0.label, $0.value) }
        case .date:
            isDate = true
            choices[0] = AdminFilterView.Choice(
                label: localizer.t("Any date"), value: all ?? "", url: choice("", all).url,
                isSelected: (current == nil || current == all) && from.isEmpty && to.isEmpty
            )
            choices += OpenDatePreset.allCases.map { choice(localizer.t($0.label), $0.rawValue, descending: $0.sortsDescending) }
            choices += DatePreset.allCases.map { choice(localizer.t($0.label), $0.rawValue) }
        }
        let rangeErrors = Self.rangeProblems(from: from, to: to, localizer: localizer)
        // Choices, yes/no and date presets are applied only when known (AdminListStore.filterConditions); a
        // foreign key's value, only when the user is offered it (the controller refuses it otherwise).
        let unknownValue = current.flatMap { value in
            state.isRefused(filter.name) || !choices.contains { $0.value == value } ? value : nil
        }
        var rest = state.filtering(filter.name, nil)
        rest.page = 1
        let fromValid = from.isEmpty || CalendarDate(from) != nil, toValid = to.isEmpty || CalendarDate(to) != nil
        return AdminFilterView(
            label: localizer.t(filter.label), name: filter.name, choices: choices, isDate: isDate,
            fromName: filter.name + "_from", fromValue: from, toName: filter.name + "_to", toValue: to,
            // A value that is no date is shown as typed in a text input (a date input may hold only a real date).
            fromType: fromValid ? "date" : "text", toType: toValid ? "date" : "text",
            rangeError: rangeErrors.joined(separator: " "), hasRangeError: !rangeErrors.isEmpty,
            valueError: unknownValue.map { localizer.t("“{value}” is not one of these choices: the list is not filtered by it.", ["value": $0]) } ?? "",
            hasValueError: unknownValue != nil,
            rangeHidden: hidden(rest, resource: resource),
            fromID: "filter-\(filter.name)-from", toID: "filter-\(filter.name)-to",
            rangeAction: AdminURL.changeList(resource.slug),
            usesSelect: !isDate && choices.count > AdminFilterView.linkLimit,
            selectID: "filter-\(filter.name)-select"
        )
    }

    /// What is wrong with a date range's bounds as typed: text that is no date, a date that does not exist,
    /// a start after the end. The list is filtered by none of these (``AdminListState``).
    static func rangeProblems(from: String, to: String, localizer: Localizer) -> [String] {
        var problems: [String] = []
        let typed = [from, to].filter { !$0.isEmpty && CalendarDate($0) == nil }
        if typed.contains(where: { $0.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) == nil }) {
            problems.append(localizer.t("Enter dates as YYYY-MM-DD."))
        }
        for date in typed where date.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil {
            problems.append(localizer.t("The date {date} does not exist: the list is not filtered by it.", ["date": date]))
        }
        if let start = CalendarDate(from), let end = CalendarDate(to), start > end {
            problems.append(localizer.t("The start date is after the end date: the list is not filtered by these dates."))
        }
        return problems
    }
}
