/// What the login form checks a password against.
struct StoredCredentials: Sendable {
    let user: User
    let passwordHash: String
    let isActive: Bool
}
