/// What an audit record says happened.
public enum AuditAction: String, CaseIterable, Sendable {
    case add
    case change
    case delete
    case login
    case loginFailed = "login_failed"
    case loginThrottled = "login_throttled"
    case logout
    case passwordChange = "password_change"
    case passwordSet = "password_set"
    /// A background generation or re-sync of training sessions failed (it is retried).
    case syncFailed = "sync_failed"

    /// The English label, a catalog key.
    public var label: String {
        switch self {
        case .add: "Added"
        case .change: "Changed"
        case .delete: "Deleted"
        case .login: "Signed in"
        case .loginFailed: "Sign-in failed"
        case .loginThrottled: "Sign-in refused (too many failures)"
        case .logout: "Signed out"
        case .passwordChange: "Changed own password"
        case .passwordSet: "Password set by an administrator"
        case .syncFailed: "Session generation failed"
        }
    }
}
