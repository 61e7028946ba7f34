import Foundation

/// The placeholders a declaration's SQL may hold, and which slot of a declaration allows which. The
/// engine binds each one's value as a parameter (``SQLParameters/expand(_:in:_:)``); start-up checks
/// refuse a declaration whose fragment holds one its slot does not allow, or an unknown one.
public enum SQLPlaceholder: String, CaseIterable, Sendable {
    /// The signed-in user's id (a row scope, a lookup's filter scope).
    case user = "{user}"
    /// The organisation's date, not SQL's `current_date` (UTC's): the zone bound once per statement.
    case today = "{today}"
    /// A search word as an `ILIKE` pattern, `%word%` (a search expression that is a whole condition).
    case pattern = "{pattern}"
    /// A search word as a prefix pattern, `word%`: what a btree index serves (`text_pattern_ops`), where a
    /// column's values share so much text that a substring search would read most of a trigram index.
    case prefix = "{prefix}"
    /// The object's id (a panel's query).
    case id = "{id}"
    /// The organisation's time zone name (a panel's query).
    case zone = "{zone}"
    /// A filter's chosen value, as text (a filter's condition).
    case value = "{value}"
    /// The objects' ids, a `bigint[]` (a dependent's count, which is a whole statement).
    case ids = "$1"

    /// Where in a declaration a piece of trusted SQL goes, and the placeholders it may hold.
    public enum Slot: String, CaseIterable, Sendable {
        case column = "column expression"
        case search = "search expression"
        case filterExpression = "filter expression"
        case filterCondition = "filter condition"
        case scope = "scope"
        case lookup = "lookup"
        case label = "label expression"
        case readOnlyCondition = "read-only condition"
        case ordering = "ordering"
        case panel = "panel query"
        case dependentCount = "dependent count"

        public var allowed: Set<SQLPlaceholder> {
            switch self {
            case .column: [.today]
            case .search: [.pattern, .prefix]
            case .filterCondition: [.value]
            case .scope: [.user]
            case .panel: [.id, .zone, .today]
            case .dependentCount: [.ids]
            case .filterExpression, .lookup, .label, .readOnlyCondition, .ordering: []
            }
        }
    }

    /// The values a statement binds for the placeholders it meets; `nil` where the slot has none.
    struct Values {
        var timeZone: TimeZone? = nil
        var user: Int? = nil
        var objectID: Int? = nil
        var objectIDs: [Int]? = nil
        var pattern: String? = nil
        var prefix: String? = nil
        var value: String? = nil
    }

    /// What a fragment holds that looks like a placeholder: `{name}` or `$n`, in order of appearance, repeats removed.
    static func tokens(in fragment: String) -> [String] {
        var found: [String] = []
        var index = fragment.startIndex
        while index < fragment.endIndex {
            let character = fragment[index]
            var end: String.Index?
            if character == "{" {
                let rest = fragment[fragment.index(after: index)...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                let close = rest.endIndex
                if !rest.isEmpty, close < fragment.endIndex, fragment[close] == "}" { end = fragment.index(after: close) }
            } else if character == "$" {
                let digits = fragment[fragment.index(after: index)...].prefix(while: \.isNumber)
                if !digits.isEmpty { end = digits.endIndex }
            }
            if let end {
                let token = String(fragment[index..<end])
                if !found.contains(token) { found.append(token) }
                index = end
            } else {
                index = fragment.index(after: index)
            }
        }
        return found
    }

    /// What is wrong with a fragment in a slot: each unknown placeholder, and each known one the slot does not allow.
    static func problems(in fragment: String, slot: Slot) -> [String] {
        tokens(in: fragment).compactMap { token in
            let allowed = slot.allowed.map(\.rawValue).sorted().joined(separator: ", ")
            guard let placeholder = SQLPlaceholder(rawValue: token) else {
                return "unknown placeholder \(token) in its \(slot.rawValue) (allowed: \(allowed.isEmpty ? "none" : allowed))"
            }
            guard slot.allowed.contains(placeholder) else {
                return "\(token) is not allowed in a \(slot.rawValue) (allowed: \(allowed.isEmpty ? "none" : allowed))"
            }
            return nil
        }
    }
}
