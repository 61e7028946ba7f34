/// A change-list filter on one column. Its state lives in the query string under `name`
/// (dates also `name_from` and `name_to`).
public struct AdminFilter: Sendable {
    public enum Kind: Sendable {
        /// Fixed values (labels are catalog keys).
        case choices([AdminChoice])
        /// Yes / No.
        case boolean
        /// Rows of another table.
        case foreignKey(AdminLookup)
        /// Any date / today / past 7 days / this month / this year, or a from–to range.
        /// `isTimestamp`: the column is `timestamptz` (days are the organisation's), else `date`.
        case date(isTimestamp: Bool)
    }

    public let name: String
    /// An English catalog key.
    public let label: String
    public let expression: String
    /// For choices and foreign keys: a whole condition (trusted SQL) instead of `expression = value`,
    /// `{value}` standing for the chosen value (bound as text), e.g. a membership through another table:
    /// `EXISTS (SELECT 1 FROM group_memberships m WHERE m.athlete_id = athletes.id AND m.group_id::text = {value})`.
    public let condition: String?
    public let kind: Kind
    /// The value a list opens with when its address names none for this filter (e.g. a date filter's
    /// `from-today`); its "All" (or "Any date") choice then says so in the address.
    public let defaultValue: String?

    public init(_ name: String, label: String, expression: String? = nil, condition: String? = nil, kind: Kind, default defaultValue: String? = nil) {
        self.defaultValue = defaultValue
        self.name = name
        self.label = label
        self.expression = expression ?? name
        self.condition = condition
        self.kind = kind
    }

    /// The SQL condition for a chosen value, its placeholder bound.
    /// A foreign key's whole-number value is compared as a number, so an index on the column serves it.
    func matching(_ value: String, parameters: inout SQLParameters) -> String {
        if case .foreignKey = kind, condition == nil, let number = Int(value) {
            return "(\(expression)) = \(parameters.bind(number))::bigint"
        }
        if let condition { return "(" + parameters.expand(condition, in: .filterCondition, .init(value: value)) + ")" }
        return "(\(expression))::text = \(parameters.bind(value))"
    }

    /// The value of "All" (or "Any date") in the address of a filter with a default.
    static let allValue = "all"

    /// Whether `value` is one of the filter's fixed choices (a foreign key has none: its rows vary, so it has no default).
    func offers(_ value: String) -> Bool {
        switch kind {
        case .choices(let choices): choices.contains { $0.value == value }
        case .boolean: value == "yes" || value == "no"
        case .foreignKey: false
        case .date: OpenDatePreset(rawValue: value) != nil || DatePreset(rawValue: value) != nil
        }
    }
}
