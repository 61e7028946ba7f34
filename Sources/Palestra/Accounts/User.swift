/// The signed-in user, as every authenticated request knows them.
public struct User: Sendable, Equatable {
    public let id: Int
    public let email: String
    public let displayName: String
    public let role: Role
    /// The interface language the user chose; `nil` follows the browser.
    public let language: Language?
    /// The names of the ``UserFact``s true of the user (read with a browser session; empty elsewhere).
    public var facts: Set<String> = []

    public init(id: Int, email: String, displayName: String, role: Role, language: Language?) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.language = language
    }

    public var isAdmin: Bool { role == .admin }
}
