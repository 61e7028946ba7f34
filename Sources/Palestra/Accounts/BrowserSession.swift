/// The session a request arrived with: its token, the CSRF token of its forms, the signed-in user
/// (none for a pre-login session) and the flash messages waiting to be shown.
public struct BrowserSession: Sendable, Equatable {
    /// The cookie's value; only its SHA-256 is stored.
    let token: String
    public let csrfToken: String
    public let user: User?
    public let flashes: [FlashMessage]
}
