/// The change form's part of a resource's declaration (Django's `fields`, `inlines`, `clean`): what an
/// object's form edits and shows, how a submission is checked, and the links and stamps that go with it.
public struct AdminFormDeclaration: Sendable {
    public let fields: [AdminField]
    /// Child rows edited on the change form (schedule slots of a group, memberships of an athlete).
    public let inlines: [AdminInline]
    /// Read-only tables shown on an object's change form.
    public let panels: [AdminPanel]
    /// Further checks of a submitted form: field name → message (a catalog key).
    public let validate: @Sendable (AdminSubmission) -> [String: String]
    /// Unique constraints mapped to the field they concern and the message (a catalog key).
    public let uniqueConstraints: [String: (field: String, message: String)]
    /// Check constraints (or triggers raising `check_violation` with a constraint name) mapped the same way:
    /// a rule only the database can check (another row's state) answers beside its field.
    public let checkConstraints: [String: (field: String, message: String)]
    /// Extra links on an object's form, shown to those who may change it.
    public let objectLinks: [AdminObjectLink]
    /// Columns set in the saving statement when a field changes (who marked, when).
    public let stamps: [AdminStamp]

    public init(
        fields: [AdminField], inlines: [AdminInline] = [], panels: [AdminPanel] = [],
        validate: @escaping @Sendable (AdminSubmission) -> [String: String] = { _ in [:] },
        uniqueConstraints: [String: (field: String, message: String)] = [:], objectLinks: [AdminObjectLink] = [],
        stamps: [AdminStamp] = [], checkConstraints: [String: (field: String, message: String)] = [:]
    ) {
        self.checkConstraints = checkConstraints
        self.fields = fields
        self.inlines = inlines
        self.panels = panels
        self.validate = validate
        self.uniqueConstraints = uniqueConstraints
        self.objectLinks = objectLinks
        self.stamps = stamps
    }
}
