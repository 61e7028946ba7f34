import Postgres

/// A change form's submission, read and checked field by field against the resource's declaration.
///
/// Only the fields the form declares as editable are read; any other posted field is ignored.
/// `values` holds what will be written; `errors` a translated message per field; `submitted` what the
/// user typed, to show it again when the form comes back with errors.
struct AdminFormInput: Sendable {
    var values: [String: AdminValue] = [:]
    var errors: [String: String] = [:]
    var submitted: [String: [String]] = [:]
    /// New passwords, to be hashed before they are written (never kept in `submitted`).
    var passwords: [String: String] = [:]
    /// Accepted uploads, to be stored before the row is written.
    var uploads: [String: (kind: UploadKind, bytes: [UInt8])] = [:]
    /// The posted rows of each inline, by the inline's name, each with its own messages.
    var inlineRows: [String: [AdminInlineRow]] = [:]

    private let adding: Bool

    init(
        form: FormData, resource: AdminResource, adding: Bool, choices: [String: [AdminChoice]],
        policy: PasswordPolicy, localizer: Localizer
    ) {
        self.adding = adding
        for field in resource.form.fields where field.isEditable(adding: adding) {
            read(
                field, from: form, choices: field.kind.fixedChoices ?? choices[field.name] ?? [],
                currency: Self.currency(of: field, in: resource, typed: form), policy: policy, localizer: localizer
            )
        }
        for inline in resource.form.inlines {
            inlineRows[inline.name] = AdminInlineRow.read(inline, from: form, choices: choices, localizer: localizer)
        }
    }

    /// No message on any field or inline row.
    var isValid: Bool {
        errors.isEmpty && inlineRows.values.allSatisfy { rows in rows.allSatisfy(\.errors.isEmpty) }
    }

    /// Rows naming an id the object does not have (another object's, or any on a new object) get a
    /// message and will not be written.
    mutating func refuseForeignRows(existing: [String: [AdminInlineRecord]], localizer: Localizer) {
        for (name, rows) in inlineRows {
            let known = Set((existing[name] ?? []).map(\.id))
            inlineRows[name] = rows.map { row in
                var row = row
                if let id = row.id, !known.contains(id) {
                    row.errors[""] = localizer.t("This row is not part of this record; nothing was changed.")
                }
                return row
            }
        }
    }

    /// Puts a violated inline constraint's message beside its row's field.
    mutating func add(_ violation: AdminInlineViolation, localizer: Localizer) {
        guard let position = inlineRows[violation.inline]?.firstIndex(where: { $0.index == violation.index }) else { return }
        inlineRows[violation.inline]?[position].errors[violation.field] = localizer.t(violation.message)
    }

    /// The submission as the resource's own `validate` sees it.
    func submission(objectID: Int?, actor: User) -> AdminSubmission {
        AdminSubmission(values: values.mapValues(\.plainText), objectID: objectID.map(String.init), actor: actor)
    }

    /// A money field's currency: the one its currency field was given (posted, else its default).
    static func currency(of field: AdminField, in resource: AdminResource, typed form: FormData) -> Currency {
        guard case .money(let currencyField, _) = field.kind else { return .standard }
        let code = form.value(currencyField) ?? resource.field(named: currencyField)?.defaultValue
        return code.map(Currency.named) ?? .standard
    }

    private mutating func read(
        _ field: AdminField, from form: FormData, choices: [AdminChoice], currency: Currency, policy: PasswordPolicy, localizer: Localizer
    ) {
        let raw = form.value(field.name) ?? ""
        submitted[field.name] = form.values(field.name)
        if case .checkbox = field.kind {
            values[field.name] = .text(form.value(field.name) == nil ? "false" : "true")
            return
        }
        if case .multiSelect = field.kind {
            let picked = form.values(field.name)
            if let wrong = picked.first(where: { value in !choices.contains { $0.value == value } }) {
                errors[field.name] = localizer.t("“{value}” is not one of the available choices.", ["value": String(wrong.prefix(50))])
            } else if picked.isEmpty && field.isRequired {
                errors[field.name] = localizer.t("This field is required.")
            }
            values[field.name] = .list(picked)
            return
        }
        if case .newPassword = field.kind {
            submitted[field.name] = nil
            readPassword(field, form: form, policy: policy, localizer: localizer)
            return
        }
        if case .file(let rule) = field.kind {
            submitted[field.name] = nil
            readFile(field, rule: rule, from: form, localizer: localizer)
            return
        }
        let (value, problem) = Self.value(of: field, raw: raw, choices: choices, currency: currency, localizer: localizer)
        values[field.name] = value
        if let problem { errors[field.name] = problem }
    }

    /// The name of the checkbox that removes a stored file (`avatar-clear`).
    static func clearName(of field: AdminField) -> String { field.name + "-clear" }

    /// No file chosen keeps the stored one (a new object's required file is then missing), unless the
    /// "remove" checkbox of a field that is not required is ticked: then the field is emptied. An accepted
    /// image is kept without its metadata (`ImageSanitizer`), a damaged one refused.
    private mutating func readFile(_ field: AdminField, rule: AdminFileRule, from form: FormData, localizer: Localizer) {
        let chosen = form.file(field.name).map { $0.size > 0 || !$0.filename.isEmpty } ?? false
        if !field.isRequired, !adding, form.value(Self.clearName(of: field)) != nil {
            if chosen {
                errors[field.name] = localizer.t("Choose a file or tick Remove, not both.")
            } else {
                values[field.name] = .null
            }
            return
        }
        guard let file = form.file(field.name), file.size > 0 || !file.filename.isEmpty else {
            if field.isRequired && adding { errors[field.name] = localizer.t("Choose a file.") }
            return
        }
        guard file.size > 0 else {
            errors[field.name] = localizer.t("The file is empty.")
            return
        }
        guard file.size <= rule.maximumBytes else {
            errors[field.name] = localizer.t("The file is too large: at most {size}.", ["size": Self.megabytes(rule.maximumBytes, localizer)])
            return
        }
        guard let kind = UploadKind.sniff(file.bytes), rule.kinds.contains(kind) else {
            let kinds = rule.kinds.map { $0.rawValue.uppercased() }.joined(separator: ", ")
            errors[field.name] = localizer.t("This file is not one of the accepted kinds ({kinds}).", ["kinds": kinds])
            return
        }
        guard let sanitized = try? ImageSanitizer.sanitize(file.bytes, as: kind) else {
            errors[field.name] = localizer.t("The image is damaged or has data after its end; save it again from an image program and upload that.")
            return
        }
        uploads[field.name] = (kind, sanitized)
    }

    static func megabytes(_ bytes: Int, _ localizer: Localizer) -> String {
        localizer.format.decimal(Double(bytes) / 1_048_576, fractionDigits: bytes % 1_048_576 == 0 ? 0 : 1) + " MB"
    }

    private mutating func readPassword(_ field: AdminField, form: FormData, policy: PasswordPolicy, localizer: Localizer) {
        let password = form.value(field.name) ?? ""
        if let error = PasswordMessages.newPasswordError(
            password, confirmation: form.value(field.name + "_confirmation"), email: form.value("email"),
            name: form.value("display_name"), policy: policy, localizer: localizer
        ) {
            errors[field.name] = error
        } else {
            passwords[field.name] = password
        }
    }

    /// A plain field's value (text, number, date, time, choice…) from what was typed, and its message:
    /// empty is NULL (required: "This field is required."); Markdown keeps its white space.
    /// A money field's text is read into minor units of `currency`.
    static func value(
        of field: AdminField, raw: String, choices: [AdminChoice], currency: Currency = .standard, localizer: Localizer
    ) -> (AdminValue, String?) {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            return (.null, field.isRequired ? localizer.t("This field is required.") : nil)
        }
        if case .money(_, let range) = field.kind {
            switch MoneyInput.parse(text, currency: currency, range: range) {
            case .success(let minor): return (.text(String(minor)), nil)
            case .failure(let problem): return (.null, MoneyInput.message(problem, currency: currency, range: range, localizer: localizer))
            }
        }
        let problem = problem(with: text, raw: raw, kind: field.kind, choices: choices, localizer: localizer)
        // A date and time typed with a space (as its message asks) or sent with `T` is written, and compared, one way.
        if case .dateTime = field.kind, let moment = LocalMoment(text) { return (.text(moment.inputValue), problem) }
        return (.text(field.kind.isMarkdown ? raw : text), problem)
    }

    /// The message for a non-empty value that does not fit its kind, or `nil`.
    static func problem(with text: String, raw: String, kind: AdminField.Kind, choices: [AdminChoice], localizer: Localizer) -> String? {
        switch kind {
        case .text(let maximum), .markdown(let maximum):
            // Counted in code points, as PostgreSQL's length() and CHECK constraints count them.
            let count = (kind.isMarkdown ? raw : text).unicodeScalars.count
            return count > maximum
                ? localizer.t("At most {maximum} characters, please (this has {count}).", ["maximum": localizer.format.number(maximum), "count": localizer.format.number(count)])
                : nil
        case .email:
            return EmailAddress.isValid(text) ? nil : localizer.t("Enter a valid email address, like name@example.org.")
        case .integer(let range):
            guard let number = Int(text) else { return localizer.t("Enter a whole number.") }
            return range.contains(number)
                ? nil
                : localizer.t("Enter a number from {minimum} to {maximum}.", ["minimum": localizer.format.number(range.lowerBound), "maximum": localizer.format.number(range.upperBound)])
        case .date:
            return CalendarDate(text) == nil ? localizer.t("Enter a real date (YYYY-MM-DD).") : nil
        case .time:
            return TimeOfDay(text) == nil ? localizer.t("Enter a time as HH:MM.") : nil
        case .dateTime:
            return LocalMoment(text) == nil ? localizer.t("Enter a date and time as YYYY-MM-DD HH:MM.") : nil
        case .select, .foreignKey:
            return choices.contains { $0.value == text } ? nil : localizer.t("Choose one of the options offered.")
        case .money, .multiSelect, .checkbox, .newPassword, .file, .json, .table, .fieldChanges:
            return nil
        }
    }
}

extension AdminField.Kind {
    /// The choices a select or multi-select declares itself (foreign keys read theirs from the database).
    var fixedChoices: [AdminChoice]? {
        switch self {
        case .select(let choices), .multiSelect(let choices): choices
        default: nil
        }
    }

    var isMarkdown: Bool {
        if case .markdown = self { return true }
        return false
    }
}
