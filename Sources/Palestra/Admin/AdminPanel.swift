/// A read-only table on an object's change form, filled by the resource's own query (e.g. the next
/// four weeks of a group's sessions).
public struct AdminPanel: Sendable {
    /// An English catalog key: the panel's heading.
    public let label: String
    /// Trusted SQL whose rows the panel lists, in order; `{id}` stands for the object's id and `{zone}`
    /// for the organisation's time zone (each bound as a parameter, so use each at most as needed).
    /// Its columns are named by the columns' keys and read as text.
    public let query: String
    public let columns: [AdminTableColumn]
    /// An English catalog key shown when the query finds nothing.
    public let empty: String
    /// An English catalog key shown under the heading, or `nil`.
    public let help: String?

    public init(label: String, query: String, columns: [AdminTableColumn], empty: String, help: String? = nil) {
        self.label = label
        self.query = query
        self.columns = columns
        self.empty = empty
        self.help = help
    }
}
