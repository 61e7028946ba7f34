import Mustache

/// The header's account corner: who is signed in, their role, their unread notifications and the
/// logout form's token.
public struct PageAccount: Sendable {
    public let displayName: String
    public let roleLabel: String
    public let accountURL = AccountsURL.account.path
    public let logoutURL = AccountsURL.logout.path
    public let csrfToken: String
    public let csrfField = CSRFMiddleware.fieldName
    public let notificationsURL = NotificationsURL.inbox.path
    /// The badge linking to the inbox, `3 unread` (`99+ unread` from the count's limit); shown when there are any.
    public let unreadNotifications: String
    public let hasUnreadNotifications: Bool

    init(user: User, session: BrowserSession, localizer: Localizer) {
        self.displayName = user.displayName
        self.roleLabel = localizer.t(user.role.label)
        self.csrfToken = session.csrfToken
        let unread = session.unreadNotifications
        self.hasUnreadNotifications = unread > 0
        self.unreadNotifications = unread >= NotificationStore.unreadCountLimit
            ? localizer.t("99+ unread")
            : localizer.plural("{count} unread", count: unread)
    }
}

extension PageAccount: MustacheObject {
    public static let mustacheTable = MustacheTable(for: Self.self, [
        .text("displayName", \.displayName), .text("roleLabel", \.roleLabel), .text("accountURL", \.accountURL),
        .text("logoutURL", \.logoutURL), .text("csrfToken", \.csrfToken), .text("csrfField", \.csrfField),
        .text("notificationsURL", \.notificationsURL), .text("unreadNotifications", \.unreadNotifications),
        .bool("hasUnreadNotifications", \.hasUnreadNotifications),
    ])
}
