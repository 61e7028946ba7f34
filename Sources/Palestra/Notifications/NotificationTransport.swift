import Foundation
import Logging

/// How notifications leave Palestra (`PALESTRA_MAIL_TRANSPORT`): a log line, a `.eml` file in a folder,
/// or a mail handed to `sendmail`.
public enum NotificationTransport: Sendable, Equatable {
    /// One log line per notification (`Notification sent to student 42 about …`); the default.
    case log
    /// One RFC 5322 `.eml` file per notification in `folder`, which must exist.
    case maildir(folder: String)
    /// The mail piped to `path -t -i`; a non-zero exit is a failure.
    case sendmail(path: String)

    /// The names `PALESTRA_MAIL_TRANSPORT` accepts.
    public static let names = ["log", "maildir", "sendmail"]

    /// Sends one notification from `sender`; throws when it could not be sent (the job is then retried).
    func send(_ notification: OutgoingNotification, from sender: MailAddress, logger: Logger) async throws {
        switch self {
        case .log:
            logger.info("\(notification.logLine)")
        case .maildir(let folder):
            let message = notification.mail(from: sender, date: Date()).rendered(lineEnding: "\r\n")
            let file = try await MaildirFolder(path: folder).store(message, named: notification.messageToken + ".eml")
            logger.info("notification delivered to a maildir", metadata: ["notification": "\(notification.id)", "file": "\(file)"])
        case .sendmail(let path):
            let message = notification.mail(from: sender, date: Date()).rendered(lineEnding: "\n")
            try await Sendmail(path: path).send(message)
            logger.info("notification handed to sendmail", metadata: ["notification": "\(notification.id)"])
        }
    }
}
