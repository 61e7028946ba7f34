/// One posted row of an inline, read and checked like a field: what will be written, what was typed
/// (to show again), and a message per field (`""` for the row as a whole).
struct AdminInlineRow: Sendable {
    /// The row's index in the posted names (`<inline>-<index>-<field>`).
    let index: Int
    /// The existing row it changes or removes; `nil` for a new row.
    let id: Int?
    let remove: Bool
    var values: [String: AdminValue] = [:]
    var submitted: [String: String] = [:]
    var errors: [String: String] = [:]

    /// The non-blank rows of `inline` in `form` (a new row left at its defaults is not a row), each checked.
    static func read(_ inline: AdminInline, from form: FormData, choices: [String: [AdminChoice]], localizer: Localizer) -> [AdminInlineRow] {
        let count = min(form.value(inline.rowCountName).flatMap(Int.init) ?? 0, inline.maximumRows)
        var rows: [AdminInlineRow] = []
        for index in 0..<max(count, 0) {
            let idText = (form.value(inline.inputName(index, "id")) ?? "").trimmingCharacters(in: .whitespaces)
            let id = Int(idText).flatMap { $0 > 0 ? $0 : nil }
            var row = AdminInlineRow(index: index, id: id, remove: id != nil && form.value(inline.inputName(index, "remove")) != nil)
            if !idText.isEmpty && id == nil {
                row.errors[""] = localizer.t("This row is not part of this record; nothing was changed.")
            }
            for field in inline.fields where field.isEditable(adding: id == nil) {
                row.read(field, raw: form.value(inline.inputName(index, field.name)), choices: field.kind.fixedChoices ?? choices[inline.name + "." + field.name] ?? [], localizer: localizer)
            }
            if id == nil && row.isBlank(inline) { continue }
            if row.remove {
                row.errors = row.errors.filter { $0.key.isEmpty }
            } else {
                for (field, message) in inline.validate(row.values.mapValues(\.plainText)) where row.errors[field] == nil {
                    row.errors[field] = localizer.t(message)
                }
            }
            rows.append(row)
        }
        return rows
    }

    private init(index: Int, id: Int?, remove: Bool) {
        self.index = index
        self.id = id
        self.remove = remove
    }

    private mutating func read(_ field: AdminField, raw: String?, choices: [AdminChoice], localizer: Localizer) {
        let raw = raw ?? ""
        submitted[field.name] = raw
        if case .checkbox = field.kind {
            values[field.name] = .text(raw.isEmpty ? "false" : "true")
            return
        }
        let (value, problem) = AdminFormInput.value(of: field, raw: raw, choices: choices, localizer: localizer)
        values[field.name] = value
        if let problem { errors[field.name] = problem }
    }

    /// A new row whose every field is empty or still holds its default.
    private func isBlank(_ inline: AdminInline) -> Bool {
        inline.fields.allSatisfy { field in
            let text = (submitted[field.name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if case .checkbox = field.kind { return (text.isEmpty ? "false" : "true") == (field.defaultValue ?? "false") }
            return text.isEmpty || text == field.defaultValue
        }
    }
}
