import Foundation

extension AdminFormView {
    /// What the form shows: the stored record, or (after a failed submission) what the user typed,
    /// or (after a conflict) the stored record with the user's own values beside it.
    enum Values {
        case stored(AdminRecord?)
        case submitted(AdminFormInput, record: AdminRecord?)
        case conflict(AdminFormInput, current: AdminRecord)

        var record: AdminRecord? {
            switch self {
            case .stored(let record), .submitted(_, let record): record
            case .conflict(_, let current): current
            }
        }
    }

    init(
        resource: AdminResource, values: Values, isReadOnly: Bool, user: User, csrfToken: String,
        choices: [String: [AdminChoice]], formatter: AdminCellFormatter, objectActions: [AdminAction] = [],
        panelRows: [[[String?]]] = []
    ) {
        let localizer = formatter.localizer
        let record: AdminRecord?
        var input: AdminFormInput?
        var isConflict = false
        switch values {
        case .stored(let stored): record = stored
        case .submitted(let submitted, let stored): record = stored; input = submitted
        case .conflict(let submitted, let current): record = current; input = submitted; isConflict = true
        }
        let adding = record == nil
        let name = localizer.t(resource.singularName)
        title = adding
            ? localizer.t("Add {name}", ["name": name])
            : (isReadOnly ? localizer.t("View {name}", ["name": name]) : localizer.t("Change {name}", ["name": name]))
                + (record.map { ": " + $0.label } ?? "")
        listURL = AdminURL.changeList(resource.slug)
        listLabel = resource.title(localizer)
        actionURL = record.map { AdminURL.changeForm(resource.slug, String($0.id)) } ?? AdminURL.addForm(resource.slug)
        isAdding = adding
        self.isReadOnly = isReadOnly
        self.csrfToken = csrfToken
        version = record.map { String($0.version) } ?? ""
        let errors = isConflict ? [:] : (input?.errors ?? [:])
        fields = resource.form.fields.compactMap { field in
            if case .newPassword = field.kind, !adding { return nil }
            if case .never = field.editability, adding { return nil }
            if case .hidden = field.editability { return nil }
            let editable = !isReadOnly && field.isEditable(adding: adding)
            var storedText = record == nil ? field.defaultValue : (record?.values[field.name] ?? nil)
            if case .money(let currencyField, _) = field.kind, let minor = storedText.flatMap({ Int($0) }) {
                // Minor units are shown as the decimal the user types, in the record's currency.
                let code = record.map { ($0.values[currencyField] ?? nil) ?? "" } ?? resource.field(named: currencyField)?.defaultValue
                storedText = Currency.named(code ?? Currency.standard.code).input(minor, localizer.format)
            }
            let stored: [String] = storedText.map { Self.inputValues($0, kind: field.kind) } ?? []
            let shown = isConflict ? stored : (input?.submitted[field.name] ?? stored)
            var yours = ""
            if isConflict, editable, let typed = input?.submitted[field.name], typed != stored {
                yours = field.kind.isChoice
                    ? typed.map { value in choices[field.name]?.first { $0.value == value }.map { localizer.t($0.label) } ?? value }.joined(separator: ", ")
                    : (Self.isCheckbox(field) ? formatter.format(typed.isEmpty ? "false" : "true", as: .boolean) : typed.joined(separator: ", "))
                if Self.isCheckbox(field) && (typed.isEmpty ? "false" : "true") == (stored.first ?? "false") { yours = "" }
            }
            return AdminFormFieldView(
                field: field, shown: shown, stored: record?.values[field.name] ?? nil, editable: editable,
                error: errors[field.name], yourValue: yours, choices: choices[field.name] ?? [], formatter: formatter, record: record
            )
        }
        // After a conflict too: the rows the user typed are shown again (over the current ones), never lost.
        let posted = input?.inlineRows ?? [:]
        inlines = resource.form.inlines.map { inline in
            let readOnlyReason = record?.readOnlyInlines[inline.name]
            return AdminInlineView(
                inline: inline, stored: record?.inlines[inline.name] ?? [], posted: posted[inline.name],
                isReadOnly: isReadOnly || readOnlyReason != nil, readOnlyMessage: readOnlyReason, lookups: choices, formatter: formatter
            )
        }
        hasInlines = !inlines.isEmpty
        panels = record == nil ? [] : resource.form.panels.enumerated().map { index, panel in
            AdminPanelView(panel: panel, index: index, rows: index < panelRows.count ? panelRows[index] : [], formatter: formatter)
        }
        hasPanels = !panels.isEmpty
        readOnlyMessage = record?.readOnlyReason.map(localizer.t) ?? ""
        hasReadOnlyMessage = record?.readOnlyReason != nil
        errorSummary = resource.form.fields.compactMap { field in
            errors[field.name].map { Link(label: localizer.t(field.label) + ": " + $0, url: "#field-" + field.name) }
        } + resource.form.inlines.flatMap { inline in
            AdminInlineView.summary(inline, posted: posted[inline.name] ?? [], localizer: localizer)
        }
        hasErrors = !errorSummary.isEmpty
        conflictMessage = isConflict
            ? localizer.t("Someone else changed this {name} while you were editing it. Nothing was saved. The form now shows the current values; where yours differed, your value is shown beside the field.", ["name": name])
            : ""
        hasConflict = isConflict
        historyURL = record.map { AdminURL.history(resource.slug, String($0.id)) } ?? ""
        deleteURL = record.map { AdminURL.delete(resource.slug, String($0.id)) } ?? ""
        canDelete = record != nil && resource.allows(.delete, for: user)
        // Shown on read-only forms too: the pages they lead to check their own permissions.
        links = record.map { record in
            resource.form.objectLinks.map { Link(label: localizer.t($0.label), url: $0.url(slug: resource.slug, record: record)) }
        } ?? []
        hasLinks = !links.isEmpty
        canAddAnother = resource.allows(.add, for: user)
        hasFiles = fields.contains { $0.isFile && !$0.isReadOnly }
        self.objectActions = record == nil ? [] : objectActions.compactMap { action in
            action.objectLabel.map { ObjectAction(name: action.name, label: localizer.t($0)) }
        }
        hasObjectActions = !self.objectActions.isEmpty
        objectActionsURL = AdminURL.actions(resource.slug)
        objectID = record.map { String($0.id) } ?? ""
    }

    static func isCheckbox(_ field: AdminField) -> Bool {
        if case .checkbox = field.kind { return true }
        return false
    }

    /// A stored value as the input's value(s): a multi-select's JSON array becomes its items.
    static func inputValues(_ text: String, kind: AdminField.Kind) -> [String] {
        if case .multiSelect = kind {
            return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
        }
        return [text]
    }
}

extension AdminField.Kind {
    var isChoice: Bool {
        switch self {
        case .select, .foreignKey, .multiSelect: true
        default: false
        }
    }
}
