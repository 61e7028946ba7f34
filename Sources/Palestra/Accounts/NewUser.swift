import Postgres

/// Creating a user outside the admin pages (`palestra createuser`, the demo admin of `make run`):
/// the same checks as the user form, the same audit record.
public struct NewUser: Sendable {
    public let email: String
    public let displayName: String
    public let role: Role
    public let password: String

    public init(email: String, displayName: String, role: Role, password: String) {
        self.email = email.trimmingCharacters(in: .whitespacesAndNewlines)
        self.displayName = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
        self.role = role
        self.password = password
    }

    /// What is wrong with it, in English (for the command line), or an empty list.
    public func problems(policy: PasswordPolicy) -> [String] {
        let localizer = Localizer(language: .en, messages: [:], plurals: [:])
        var problems: [String] = []
        if !EmailAddress.isValid(email) { problems.append("email: " + localizer.t("Enter a valid email address, like name@example.org.")) }
        if displayName.isEmpty || displayName.unicodeScalars.count > 150 { problems.append("name: 1 to 150 characters, please") }
        if let problem = policy.problem(with: password, email: email, name: displayName) {
            problems.append("password: " + PasswordMessages.text(for: problem, localizer: localizer))
        }
        return problems
    }

    /// Hashes the password and stores the user with an audit record; `PostgresError.uniqueViolation` when the email is taken.
    public func create(in database: PostgresClient, hasher: PasswordHasher) async throws -> Int {
        let hash = try await hasher.hash(password)
        return try await database.transaction { connection in
            let id = try await UserStore.insert(email: email, displayName: displayName, role: role, passwordHash: hash, on: connection)
            try await AuditStore.record(
                AuditEntry(actor: nil, action: .add, objectType: UsersAdmin.resource.slug, objectID: String(id), objectLabel: email,
                           changes: [FieldChange(field: "email", old: nil, new: email), FieldChange(field: "role", old: nil, new: role.rawValue)]),
                on: connection
            )
            return id
        }
    }
}
