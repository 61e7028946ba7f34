/// The header's account corner: who is signed in, their role, and the logout form's token.
public struct PageAccount: Sendable {
    public let displayName: String
    public let roleLabel: String
    public let accountURL = SiteURL.account
    public let logoutURL = SiteURL.logout
    public let csrfToken: String
    public let csrfField = CSRFMiddleware.fieldName

    init(user: User, csrfToken: String, localizer: Localizer) {
        self.displayName = user.displayName
        self.roleLabel = localizer.t(user.role.label)
        self.csrfToken = csrfToken
    }
}
