/// The session a request arrived with: its token, the CSRF token of its forms, the signed-in user
/// (none for a pre-login session), the flash messages waiting to be shown and the user's unread
/// notifications (counted up to ``NotificationStore/unreadCountLimit``), for the header; and the data's version
/// read with it (``DataVersion``, for ``AdminPageCache``).
public struct BrowserSession: Sendable, Equatable {
    /// The cookie's value; only its SHA-256 is stored.
    let token: String
    public let csrfToken: String
    public let user: User?
    public let flashes: [FlashMessage]
    public let unreadNotifications: Int
    /// None for a session this request started (sign-in, a pre-login session): nothing was read with it.
    public var dataVersion: DataVersion? = nil
}
