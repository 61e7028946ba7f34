/// What an ``AdminProcedure`` changed in one row: its id and each field's value before and after,
/// as PostgreSQL prints them (field names are the resource's form field names, so history shows their labels).
public struct AdminRowChange: Sendable, Equatable {
    public let id: Int
    public let changes: [FieldChange]

    public init(id: Int, changes: [FieldChange]) {
        self.id = id
        self.changes = changes
    }
}
