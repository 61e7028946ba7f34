extension AdminInlineView {
    /// What an inline shows: after a failed submission the posted rows (with their messages), then the
    /// stored rows not posted, then blank rows; otherwise the stored rows and blank rows. A read-only
    /// inline shows the stored rows only.
    init(
        inline: AdminInline, stored: [AdminInlineRecord], posted: [AdminInlineRow]?, isReadOnly: Bool, readOnlyMessage: String?,
        lookups: [String: [AdminChoice]], formatter: AdminCellFormatter
    ) {
        let localizer = formatter.localizer
        label = localizer.t(inline.label)
        headingID = "inline-" + inline.name
        headers = inline.fields.map { Header(label: localizer.t($0.label), isRequired: $0.isRequired && !isReadOnly) }
        self.isReadOnly = isReadOnly
        self.readOnlyMessage = readOnlyMessage.map(localizer.t) ?? ""
        hasReadOnlyMessage = readOnlyMessage != nil
        countName = inline.rowCountName
        emptyText = localizer.t("None")
        removeLabel = localizer.t("Remove")
        var sources: [(id: Int?, values: [String: String], stored: [String: String?], remove: Bool, errors: [String: String])] = []
        let postedRows = isReadOnly ? [] : (posted ?? [])
        for row in postedRows {
            let old = stored.first { $0.id == row.id }
            sources.append((row.id, row.submitted, old?.values ?? [:], row.remove, row.errors))
        }
        for record in stored where !postedRows.contains(where: { $0.id == record.id }) {
            let values = record.values.compactMapValues { $0 }
            sources.append((record.id, values, record.values, false, [:]))
        }
        if !isReadOnly {
            let defaults = Dictionary(uniqueKeysWithValues: inline.fields.compactMap { field in field.defaultValue.map { (field.name, $0) } })
            for _ in 0..<inline.extraRows { sources.append((nil, defaults, [:], false, [:])) }
        }
        rows = sources.enumerated().map { index, source in
            let number = localizer.t("Row {number}", ["number": String(index + 1)])
            let cells = inline.fields.map { field in
                let renamed = field.renamed(inline.inputName(index, field.name))
                let text = source.values[field.name]
                return AdminFormFieldView(
                    field: renamed, shown: text.map { AdminFormView.inputValues($0, kind: field.kind) } ?? [],
                    stored: source.stored[field.name] ?? nil, editable: !isReadOnly && field.isEditable(adding: source.id == nil),
                    error: source.errors[field.name], yourValue: "",
                    choices: lookups[inline.name + "." + field.name] ?? [], formatter: formatter
                )
            }
            let message = source.errors[""]
            return Row(
                anchor: "\(inline.name)-\(index)", number: number,
                idName: inline.inputName(index, "id"), idValue: source.id.map(String.init) ?? "", hasID: source.id != nil,
                removeName: inline.inputName(index, "remove"), removeID: "field-" + inline.inputName(index, "remove"),
                isRemoved: source.remove, canRemove: source.id != nil && !isReadOnly, cells: cells,
                message: message ?? "", hasMessage: message != nil, hasError: !source.errors.isEmpty
            )
        }
        hasRows = !rows.isEmpty
        countValue = String(rows.count)
    }

    /// The error summary's entries for the posted rows: "Weekly schedule, row 2, Start: …".
    static func summary(
        _ inline: AdminInline, posted: [AdminInlineRow], localizer: Localizer
    ) -> [AdminFormView.Link] {
        var links: [AdminFormView.Link] = []
        for (position, row) in posted.enumerated() where !row.errors.isEmpty {
            let prefix = localizer.t(inline.label) + ", " + localizer.t("Row {number}", ["number": String(position + 1)])
            for (field, message) in row.errors.sorted(by: { $0.key < $1.key }) {
                let fieldLabel = inline.fields.first { $0.name == field }.map { ", " + localizer.t($0.label) } ?? ""
                let anchor = field.isEmpty ? "#\(inline.name)-\(position)" : "#field-" + inline.inputName(position, field)
                links.append(AdminFormView.Link(label: prefix + fieldLabel + ": " + message, url: anchor))
            }
        }
        return links
    }
}
