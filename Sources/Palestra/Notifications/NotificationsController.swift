import Hummingbird

/// `/notifications`: every signed-in user's inbox, newest first, 50 a page; marking one or all read.
/// Another user's notification answers 404 and stays as it is.
struct NotificationsController: Sendable {
    let store: NotificationStore
    let browserSessions: BrowserSessionStore
    let views: Views

    static let pageSize = 50

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(NotificationsURL.inbox, use: inbox)
        routes.post(NotificationsURL.read(.key), use: markRead)
        routes.post(NotificationsURL.readAll, use: markAllRead)
    }

    @Sendable func inbox(_ request: Request, context: SignedInContext) async throws -> Response {
        let summary = try await store.summary(recipient: context.user.id)
        let pageCount = max(1, (summary.total + Self.pageSize - 1) / Self.pageSize)
        let page = Self.page(request.queryData.value("p"), of: pageCount)
        let notifications = try await store.page(recipient: context.user.id, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
        let localizer = views.localizer(for: context)
        let view = NotificationInboxView(
            notifications: notifications, summary: summary, unread: context.signedInSession.unreadNotifications,
            page: page, pageCount: pageCount, csrfToken: context.signedInSession.csrfToken, localizer: localizer, timeZone: views.timeZone
        )
        return views.render(.notificationInbox, title: localizer.t("Notifications"), content: view, context: context)
    }

    @Sendable func markRead(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw AppError.notFound }
        var request = request
        let form = try await request.formData(context: context)
        guard try await store.markRead(id: id, recipient: context.user.id) else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        let page = form.value("p").flatMap(Int.init).map { min(max($0, 1), 1_000_000) } ?? 1
        return try await browserSessions.redirect(
            to: NotificationsURL.inbox(page: page), flash: .success(localizer.t("The notification was marked as read.")),
            session: context.signedInSession
        )
    }

    @Sendable func markAllRead(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = try await request.formData(context: context)
        let count = try await store.markAllRead(recipient: context.user.id, upTo: form.value("up_to").flatMap(Int.init))
        let localizer = views.localizer(for: context)
        return try await browserSessions.redirect(
            to: NotificationsURL.inbox.path, flash: .success(localizer.plural("{count} notifications marked as read.", count: count)),
            session: context.signedInSession
        )
    }

    /// The page a query asks for, within 1…pageCount (a missing or bad number is the first page).
    static func page(_ text: String?, of pageCount: Int) -> Int {
        min(max(text.flatMap(Int.init) ?? 1, 1), pageCount)
    }
}
