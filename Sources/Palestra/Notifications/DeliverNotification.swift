import Logging
import Postgres

/// The job that delivers one notification through the configured transport, once.
///
/// Once, even when the job runs again (a retry, a second worker after a lost lease): the notification's
/// row is locked (`FOR UPDATE`) in a transaction, skipped if `delivered_at` is set, sent, marked
/// delivered, and the transaction commits. A concurrent run waits on the lock and then sees the mark.
///
/// The one window left is a crash (or a lost database connection) after the transport accepted the
/// message and before the commit: the mark is rolled back and the retry sends again. That makes
/// delivery at-least-once, chosen over marking first and sending after the commit, which would lose
/// the message on a crash in the same window (at-most-once). A message sent twice keeps its
/// Message-ID, so mail clients can tell; in a maildir the second file has the first one's name and
/// replaces it.
///
/// A failing transport throws: the transaction rolls back, `delivered_at` stays NULL, the queue retries.
public struct DeliverNotification: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public let notificationID: Int

        public init(notificationID: Int) {
            self.notificationID = notificationID
        }

        enum CodingKeys: String, CodingKey {
            case notificationID = "notification_id"
        }
    }

    public static let name = "DeliverNotification"

    public let settings: NotificationSettings

    public init(settings: NotificationSettings) {
        self.settings = settings
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        let id = arguments.notificationID
        var logger = context.logger
        logger[metadataKey: "notification"] = "\(id)"
        // A look without a lock first: a notification already delivered (or deleted with its recipient)
        // costs no pause and no lock.
        guard try await NotificationStore.isUndelivered(id: id, on: context.database) else {
            logger.debug("notification already delivered or gone")
            return
        }
        if settings.delay > .zero {
            // No connection is held here: other deliveries and requests go on meanwhile.
            logger.debug("waiting before delivery", metadata: ["delay": "\(settings.delay)"])
            try await Task.sleep(for: settings.delay)
        }
        let settings = settings
        let sending = logger
        try await context.database.transaction { connection in
            guard let notification = try await NotificationStore.lockUndelivered(id: id, on: connection) else {
                sending.debug("notification delivered meanwhile or gone")
                return
            }
            try await settings.transport.send(notification, from: settings.sender, logger: sending)
            try await NotificationStore.markDelivered(id: id, on: connection)
        }
    }
}
