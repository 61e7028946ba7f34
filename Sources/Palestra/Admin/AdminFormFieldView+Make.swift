import Foundation
import Postgres

extension AdminFormFieldView {
    init(
        field: AdminField, shown: [String], stored: String?, editable: Bool, error: String?, yourValue: String,
        choices: [AdminChoice], formatter: AdminCellFormatter, record: AdminRecord? = nil
    ) {
        let localizer = formatter.localizer
        name = field.name
        id = "field-" + field.name
        label = localizer.t(field.label)
        // Help on writing Markdown is for the form that edits it, not for a page that shows it rendered.
        let help = field.kind.isMarkdown && !editable ? nil : field.help
        self.help = help.map(localizer.t) ?? ""
        hasHelp = help != nil
        self.error = error ?? ""
        hasError = error != nil
        isRequired = field.isRequired
        let first = shown.first ?? ""
        var inputType = "text", inputMode = "", maxLength = "", minimum = "", maximum = ""
        var isInput = false, isTextarea = false, isSelect = false, isMultiple = false, isCheckbox = false, isPassword = false
        var isFile = false, accept = ""
        var options: [Option] = []
        switch field.kind {
        case .text(let limit): isInput = true; maxLength = String(limit)
        case .markdown(let limit): isTextarea = true; maxLength = String(limit)
        case .email: isInput = true; inputType = "email"; maxLength = "254"
        case .integer(let range): isInput = true; inputType = "number"; minimum = String(range.lowerBound); maximum = String(range.upperBound)
        case .money: isInput = true; inputMode = "decimal"
        case .date: isInput = true; inputType = "date"
        case .time: isInput = true; inputType = "time"
        case .dateTime: isInput = true; inputType = "datetime-local"
        case .checkbox: isCheckbox = true
        case .newPassword: isPassword = true
        case .file(let rule): isFile = true; accept = rule.accept
        case .select(let fixed):
            isSelect = true
            options = fixed.map { Option(value: $0.value, label: localizer.t($0.label), isSelected: shown.contains($0.value)) }
        case .foreignKey:
            isSelect = true
            options = choices.map { Option(value: $0.value, label: $0.label, isSelected: shown.contains($0.value)) }
        case .multiSelect(let fixed):
            isSelect = true; isMultiple = true
            options = fixed.map { Option(value: $0.value, label: localizer.t($0.label), isSelected: shown.contains($0.value)) }
        case .json, .table, .fieldChanges:
            break
        }
        if isSelect && !isMultiple && !field.isRequired {
            options.insert(Option(value: "", label: "—", isSelected: first.isEmpty), at: 0)
        } else if isSelect && !isMultiple {
            // A required select starts with an empty placeholder (HTML requires it, and it shows nothing was chosen).
            options.insert(Option(value: "", label: localizer.t("Choose…"), isSelected: first.isEmpty), at: 0)
        }
        // A value its input cannot hold (a date that does not exist, 25:00, "abc" for a number) is invalid HTML
        // there, and the browser would empty it: it is re-shown as typed in a text input, beside its message.
        if isInput, !first.isEmpty, !Self.inputHolds(first, kind: field.kind) {
            inputType = "text"; minimum = ""; maximum = ""
        }
        self.isInput = isInput
        self.inputType = inputType
        // A date and time typed with a space goes back into its input as the input writes it (with `T`).
        if inputType == "datetime-local", let moment = LocalMoment(first) { value = moment.inputValue } else { value = first }
        self.inputMode = inputMode
        hasInputMode = !inputMode.isEmpty
        hasValue = !first.isEmpty
        self.maxLength = maxLength
        hasMaxLength = !maxLength.isEmpty
        self.minimum = minimum
        self.maximum = maximum
        hasRange = !minimum.isEmpty
        self.isTextarea = isTextarea
        self.isSelect = isSelect
        self.isMultiple = isMultiple
        self.options = options
        self.isCheckbox = isCheckbox
        isChecked = first == "true"
        self.isPassword = isPassword
        self.isFile = isFile
        self.accept = accept
        let storedFile = isFile ? stored.flatMap { $0.isEmpty ? nil : $0 } : nil
        hasImage = storedFile != nil
        imageURL = storedFile.map(MediaURL.file) ?? ""
        // What only a stored file or a password shows is composed only for one (a list of 50 editable rows has
        // 100 inputs, neither).
        let fieldLabel = label
        imageAlt = storedFile == nil ? "" : record.map { localizer.t("{field}: {name}", ["field": fieldLabel, "name": $0.label]) } ?? fieldLabel
        canClear = storedFile != nil && !field.isRequired
        clearName = canClear ? AdminFormInput.clearName(of: field) : ""
        confirmationName = isPassword ? field.name + "_confirmation" : ""
        confirmationID = isPassword ? "field-" + field.name + "-confirmation" : ""
        isReadOnly = !editable || field.kind.isDisplayOnly
        if case .money(let currencyField, _) = field.kind, let minor = stored.flatMap({ Int($0) }) {
            let code = (record?.values[currencyField] ?? nil) ?? Currency.standard.code
            displayValue = Currency.named(code).format(minor, localizer.format)
        } else {
            displayValue = formatter.format(stored, as: field.kind.isChoice && !isMultiple && !choices.isEmpty ? .choice(choices) : field.cellFormat)
        }
        var isPreformatted = false, isTable = false, isMarkdown = false
        var tableHeaders: [String] = [], tableRows: [TableRow] = []
        switch field.kind {
        case .json:
            isPreformatted = true
        case .markdown:
            // Only a read-only field is rendered; an editable one shows its source in the textarea.
            isMarkdown = isReadOnly && !(stored ?? "").isEmpty
        case .table(let columns):
            isTable = true
            tableHeaders = columns.map { localizer.t($0.label) }
            tableRows = Self.objects(in: stored).map { object in
                TableRow(cells: columns.map { column in
                    TableCell(label: localizer.t(column.label), value: Self.text(of: object[column.key]), format: column.format, formatter: formatter)
                })
            }
        case .fieldChanges(let typeField):
            isTable = true
            tableHeaders = [localizer.t("Field"), localizer.t("Before"), localizer.t("After")]
            tableRows = Self.changeRows(stored, objectType: record?.values[typeField] ?? nil, headers: tableHeaders, formatter: formatter)
        default:
            break
        }
        self.isPreformatted = isPreformatted
        self.isMarkdown = isMarkdown
        displayHTML = isMarkdown ? Markdown.html(stored ?? "") : ""
        self.isTable = isTable
        self.tableHeaders = tableHeaders
        self.tableRows = tableRows
        hasTableRows = !tableRows.isEmpty
        tableEmpty = isTable ? localizer.t("None") : ""
        isPlainReadOnly = !isPreformatted && !isTable && !isMarkdown
        self.yourValue = yourValue
        hasYourValue = !yourValue.isEmpty
        describedBy = help == nil && error == nil ? "" : [help != nil ? id + "-help" : nil, error != nil ? id + "-error" : nil].compactMap { $0 }.joined(separator: " ")
        hasDescribedBy = !describedBy.isEmpty
    }

    /// An audit record's changes as its object's history shows them, the fields found in the resource (or the
    /// resource's inline, `<slug>.<inline>`) the object type names; a field no declaration has stays as stored.
    static func changeRows(_ json: String?, objectType: String?, headers: [String], formatter: AdminCellFormatter) -> [TableRow] {
        let changes = (try? JSONDecoder().decode([FieldChange].self, from: Data((json ?? "[]").utf8))) ?? []
        let parts = (objectType ?? "").split(separator: ".", maxSplits: 1).map(String.init)
        let resource = AdminSite.standard.resource(parts.first)
        let inline = parts.count == 2 ? resource?.inline(named: parts[1]) : nil
        return changes.map { change in
            let field = inline != nil ? inline?.fields.first { $0.name == change.field } : resource?.field(named: change.field)
            let inlineLabel = inline == nil ? resource?.inline(named: change.field).map { formatter.localizer.t($0.label) } : nil
            let shown = AdminHistoryView.change(change, field: field, label: inlineLabel, formatter: formatter)
            return TableRow(cells: zip(headers, [shown.field, shown.old, shown.new]).map { header, text in
                TableCell(label: header, value: text, format: .text, formatter: formatter)
            })
        }
    }

    /// Whether the value is one a date, time, number or email input may hold (HTML's valid strings).
    static func inputHolds(_ value: String, kind: AdminField.Kind) -> Bool {
        switch kind {
        case .date: CalendarDate(value) != nil
        case .time: TimeOfDay(value) != nil
        case .dateTime: LocalMoment(value) != nil
        case .integer: value.wholeMatch(of: /-?[0-9]+/) != nil
        case .email: EmailAddress.isValid(value)
        default: true
        }
    }

    /// The objects of a JSON array (anything else in it, or text that is not an array, gives none).
    static func objects(in json: String?) -> [[String: Any]] {
        guard let json, let array = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any] else { return [] }
        return array.compactMap { $0 as? [String: Any] }
    }

    /// A JSON value as text: strings as they are, numbers in JSON's notation, null as `nil`, the rest as JSON.
    static func text(of value: Any?) -> String? {
        switch value {
        case nil, is NSNull: return nil
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Double: return String(number)
        case let flag as Bool: return String(flag)
        case let other?:
            guard let data = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys]) else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
