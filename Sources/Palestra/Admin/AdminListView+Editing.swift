extension AdminListView {
    /// A list-editable cell's input: the stored value, or after errors what was typed, or after a conflict
    /// the current value with the user's own beside it (`yourValue`, empty when there is none to show).
    /// `rowPrefix` starts the names of the row's inputs (`row-<id>-`).
    static func editor(
        _ field: AdminField, rowPrefix: String, edit: AdminListPage.Edit, posted: AdminListEdit.Row?, choices: [AdminChoice],
        formatter: AdminCellFormatter
    ) -> (input: AdminFormFieldView, yourValue: String) {
        let stored = edit.values[field.name] ?? nil
        let typed = posted?.submitted[field.name]
        let shown = (posted?.isConflict ?? true) ? stored : typed
        var yours = ""
        if posted?.isConflict == true, let typed, typed != (stored ?? "") {
            yours = field.kind.isChoice ? formatter.format(typed, as: field.cellFormat) : typed
        }
        let input = AdminFormFieldView(
            field: field.renamed(rowPrefix + field.name), shown: shown.map { [$0] } ?? [], stored: stored,
            editable: true, error: posted?.errors[field.name], yourValue: "", choices: choices, formatter: formatter
        )
        return (input, yours)
    }

    /// What a Save posts back for a row: its version and the values the page showed. After errors, those
    /// the user first loaded, so a change made meanwhile by someone else is still caught at the next Save.
    static func loadedState(
        rowPrefix: String, edit: AdminListPage.Edit, posted: AdminListEdit.Row?, fields: [AdminField]
    ) -> (version: String, was: [Hidden]) {
        let kept = posted.flatMap { $0.isConflict ? nil : $0 }
        let version = String(kept?.version ?? edit.version)
        let was = fields.map { field in
            Hidden(name: rowPrefix + "was-" + field.name, value: kept?.was[field.name] ?? (edit.values[field.name] ?? nil) ?? "")
        }
        return (version, was)
    }
}
