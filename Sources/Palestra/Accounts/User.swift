/// The signed-in user, as every authenticated request knows them.
public struct User: Sendable, Equatable {
    public let id: Int
    public let email: String
    public let displayName: String
    public let role: Role
    /// The interface language the user chose; `nil` follows the browser.
    public let language: Language?

    public init(id: Int, email: String, displayName: String, role: Role, language: Language?) {
        self.id = id
        self.email = email
        self.displayName = displayName
        self.role = role
        self.language = language
    }

    public var isAdmin: Bool { role == .admin }
}
