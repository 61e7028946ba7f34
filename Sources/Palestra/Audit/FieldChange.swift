/// One field's value before and after a change, as PostgreSQL prints them (`nil` is NULL).
public struct FieldChange: Sendable, Equatable, Codable {
    public let field: String
    public let old: String?
    public let new: String?

    public init(field: String, old: String?, new: String?) {
        self.field = field
        self.old = old
        self.new = new
    }
}
