/// Signing in and out, and the signed-in user's own account.
public enum AccountsURL: SiteRoute {
    case login
    case logout
    case account
    case accountPassword
    case accountTokens

    public var path: String {
        switch self {
        case .login: "/login"
        case .logout: "/logout"
        case .account: "/account"
        case .accountPassword: "/account/password"
        case .accountTokens: "/account/tokens"
        }
    }
}
