/// A change list's Save (Django's `list_editable`): for each posted row, its version, the values the page
/// showed (`was`), what the user typed, each checked like a form field, and afterwards how the row ended.
///
/// Posted names: `rows` (each row's id), `row-<id>-version`, `row-<id>-<field>`, `row-<id>-was-<field>`.
struct AdminListEdit: Sendable {
    struct Row: Sendable {
        let id: Int
        let version: Int?
        /// What the user typed, by field name.
        var submitted: [String: String] = [:]
        /// What the page showed when it was loaded.
        var was: [String: String] = [:]
        var values: [String: AdminValue] = [:]
        var errors: [String: String] = [:]
        /// Why the row was not saved (a conflict, read-only, gone), translated.
        var message: String?
        /// Someone else saved the row first: the page shows the current values with the user's beside them.
        var isConflict = false

        /// Whether the user changed anything on this row of the page.
        var isTouched: Bool { submitted != was }
    }

    /// By id, in the order posted.
    private(set) var rows: [Row] = []

    init(form: FormData, resource: AdminResource, choices: [String: [AdminChoice]], localizer: Localizer) {
        var seen: Set<Int> = []
        let ids = form.values("rows").compactMap(Int.init).filter { $0 > 0 && seen.insert($0).inserted }
        for id in ids.prefix(resource.list.pageSize * 2) {
            var row = Row(id: id, version: form.value("row-\(id)-version").flatMap(Int.init))
            for field in resource.listEditableFields {
                let raw = form.value("row-\(id)-\(field.name)") ?? ""
                row.submitted[field.name] = raw
                row.was[field.name] = form.value("row-\(id)-was-\(field.name)") ?? ""
                let (value, problem) = AdminFormInput.value(
                    of: field, raw: raw, choices: field.kind.fixedChoices ?? choices[field.name] ?? [], localizer: localizer
                )
                row.values[field.name] = value
                if let problem { row.errors[field.name] = problem }
            }
            rows.append(row)
        }
    }

    var hasErrors: Bool { rows.contains { !$0.errors.isEmpty } }

    func row(_ id: Int) -> Row? {
        rows.first { $0.id == id }
    }

    /// Forgets a row (saved): the page shows it as it now is.
    mutating func remove(_ id: Int) {
        rows.removeAll { $0.id == id }
    }

    mutating func update(_ id: Int, _ change: (inout Row) -> Void) {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return }
        change(&rows[index])
    }
}
