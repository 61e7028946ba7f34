import Foundation

/// A notification as the inbox lists it.
struct InboxNotification: Sendable, Equatable {
    let id: Int
    let kind: String
    let subject: String
    /// Markdown.
    let body: String
    let link: String?
    let createdAt: Date
    let readAt: Date?
}
