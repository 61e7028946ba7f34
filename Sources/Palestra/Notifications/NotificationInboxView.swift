import Foundation
import Mustache

/// `/notifications`: one page of the signed-in user's notifications, newest first.
struct NotificationInboxView: Sendable {
    struct Entry: Sendable {
        let id: Int
        let subject: String
        /// The Markdown body rendered by cmark in safe mode.
        let bodyHTML: String
        let hasBody: Bool
        let link: String
        let hasLink: Bool
        let createdAt: String
        let createdAtISO: String
        let isUnread: Bool
        let readURL: String
    }

    let entries: [Entry]
    let hasEntries: Bool
    let summary: String
    let hasUnread: Bool
    let readAllURL = NotificationsURL.readAll.path
    /// "Mark all as read" marks up to this id: what the user could see, not what arrived since.
    let newestID: String
    /// The page a mark-read form returns to.
    let page: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let pages: [AdminPageLink]
    let hasPages: Bool
    let previousURL: String
    let hasPrevious: Bool
    let nextURL: String
    let hasNext: Bool

    init(
        notifications: [InboxNotification], summary: NotificationStore.InboxSummary, unread: Int,
        page: Int, pageCount: Int, csrfToken: String, localizer: Localizer, timeZone: TimeZone
    ) {
        entries = notifications.map { notification in
            Entry(
                id: notification.id,
                subject: notification.subject,
                bodyHTML: Markdown.html(notification.body),
                hasBody: !notification.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                link: notification.link ?? "",
                hasLink: notification.link != nil,
                createdAt: localizer.format.dateTime(notification.createdAt, in: timeZone),
                createdAtISO: notification.createdAt.formatted(.iso8601),
                isUnread: notification.readAt == nil,
                readURL: NotificationsURL.read(notification.id)
            )
        }
        hasEntries = !notifications.isEmpty
        let unreadText = unread >= NotificationStore.unreadCountLimit
            ? localizer.t("99+ unread") : localizer.plural("{count} unread", count: unread)
        self.summary = localizer.plural("{count} notifications", count: summary.total) + (unread > 0 ? ", " + unreadText : "")
        hasUnread = unread > 0
        newestID = summary.newestID.map(String.init) ?? ""
        self.page = String(page)
        self.csrfToken = csrfToken
        pages = AdminPageLink.links(current: page, count: pageCount, url: { NotificationsURL.inbox(page: $0) })
        hasPages = pageCount > 1
        previousURL = NotificationsURL.inbox(page: page - 1)
        hasPrevious = page > 1
        nextURL = NotificationsURL.inbox(page: page + 1)
        hasNext = page < pageCount
    }
}

extension NotificationInboxView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("entries", \.entries), .bool("hasEntries", \.hasEntries), .text("summary", \.summary),
        .bool("hasUnread", \.hasUnread), .text("readAllURL", \.readAllURL), .text("newestID", \.newestID), .text("page", \.page),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken), .list("pages", \.pages), .bool("hasPages", \.hasPages),
        .text("previousURL", \.previousURL), .bool("hasPrevious", \.hasPrevious), .text("nextURL", \.nextURL),
        .bool("hasNext", \.hasNext),
    ])
}

extension NotificationInboxView.Entry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .number("id", \.id), .text("subject", \.subject), .html("bodyHTML", \.bodyHTML), .bool("hasBody", \.hasBody),
        .text("link", \.link), .bool("hasLink", \.hasLink), .text("createdAt", \.createdAt),
        .text("createdAtISO", \.createdAtISO), .bool("isUnread", \.isUnread), .text("readURL", \.readURL),
    ])
}
