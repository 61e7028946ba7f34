/// A change-form field: the column it edits, its label and kind, and when it may be edited.
public struct AdminField: Sendable {
    public enum Kind: Sendable {
        case text(maxLength: Int)
        /// Markdown source in a textarea (rendered elsewhere through cmark, safe mode).
        case markdown(maxLength: Int)
        case email
        case integer(ClosedRange<Int>)
        /// A `bigint` amount of integer minor units, typed and shown as a decimal in the currency that the
        /// form's `currencyField` holds (its digits from ``Currency``): `1 234,56` or `1234.56`. `range` is
        /// in minor units; a lower bound of zero or more refuses negative amounts.
        case money(currencyField: String, range: ClosedRange<Int>)
        /// A `date` column.
        case date
        /// A `time` column (minutes).
        case time
        /// A `timestamptz` column, edited in the organisation's time zone.
        case dateTime
        case select([AdminChoice])
        /// A `bigint` referencing another table.
        case foreignKey(AdminLookup)
        /// A `text[]` column holding some of the choices.
        case multiSelect([AdminChoice])
        case checkbox
        /// An uploaded file, checked by its bytes and stored by ``MediaStorage``; the column holds its stored name.
        case file(AdminFileRule)
        /// A new password (and its confirmation), stored hashed in `column`; never read back, never audited.
        case newPassword
        /// A `jsonb` column shown pretty-printed (read-only).
        case json
        /// A `jsonb` array of objects shown as a table, one row per object (read-only).
        case table([AdminTableColumn])
        /// A `jsonb` array of field changes (``FieldChange``, an audit record's `changes`) shown as an object's
        /// history shows them: each field by its label, its values in its format, looked up in the resource
        /// (or `<resource>.<inline>`) that the record's `objectTypeField` names (read-only).
        case fieldChanges(objectTypeField: String)
    }

    public enum Editability: Sendable {
        case always
        /// Only when the object is added (e.g. a user's first password).
        case onAdd
        /// Shown, never edited (e.g. last login).
        case never
        /// Read with the record (for an object link's `{name}`), never shown or edited.
        case hidden
    }

    public let name: String
    /// An English catalog key.
    public let label: String
    /// An English catalog key, shown under the input.
    public let help: String?
    public let kind: Kind
    public let column: String
    public let isRequired: Bool
    public let editability: Editability
    /// The value a new object's form starts with (as the input holds it, e.g. `true` for a checkbox).
    public let defaultValue: String?

    public init(
        _ name: String, label: String, kind: Kind, required: Bool = false, column: String? = nil,
        help: String? = nil, editable: Editability = .always, default defaultValue: String? = nil
    ) {
        self.name = name
        self.label = label
        self.help = help
        self.kind = kind
        self.column = column ?? name
        self.isRequired = required
        self.editability = editable
        self.defaultValue = defaultValue
    }

    /// Secret values (passwords) are never read back, shown or written to the audit log.
    var isSecret: Bool {
        if case .newPassword = kind { return true }
        return false
    }

    func isEditable(adding: Bool) -> Bool {
        if kind.isDisplayOnly { return false }
        return switch editability {
        case .always: true
        case .onAdd: adding
        case .never, .hidden: false
        }
    }

    /// How the field's stored value is shown read-only and in history.
    var cellFormat: AdminCellFormat {
        switch kind {
        case .checkbox: .boolean
        case .dateTime: .dateTime
        case .date: .date
        case .time: .time
        case .integer, .money: .number
        case .select(let choices), .multiSelect(let choices): .choice(choices)
        default: .text
        }
    }
}

extension AdminField.Kind {
    /// Kinds that only show a value: never an input, whatever the field's editability says.
    var isDisplayOnly: Bool {
        switch self {
        case .json, .table, .fieldChanges: true
        default: false
        }
    }
}

extension AdminField {
    /// The same field under another input name (an inline row's `<inline>-<index>-<field>`).
    func renamed(_ name: String) -> AdminField {
        AdminField(
            name, label: label, kind: kind, required: isRequired, column: column, help: help, editable: editability, default: defaultValue
        )
    }

    /// Whether the column holds an uploaded file's stored name.
    var isFile: Bool {
        if case .file = kind { true } else { false }
    }
}
