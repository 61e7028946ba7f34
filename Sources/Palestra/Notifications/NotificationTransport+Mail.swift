import Foundation
import Logging

extension NotificationTransport {
    /// Sends a mail that is not an inbox notification (a report): the log transport writes `logLine`,
    /// a maildir stores it as `<token>.eml` (the same token again replaces the file), sendmail gets it.
    func deliver(_ message: MailMessage, token: String, logLine: String, logger: Logger) async throws {
        switch self {
        case .log:
            logger.info("\(logLine)")
        case .maildir(let folder):
            let file = try await MaildirFolder(path: folder).store(message.rendered(lineEnding: "\r\n"), named: token + ".eml")
            logger.info("mail delivered to a maildir", metadata: ["file": "\(file)"])
        case .sendmail(let path):
            try await Sendmail(path: path).send(message.rendered(lineEnding: "\n"))
            logger.info("mail handed to sendmail", metadata: ["token": "\(token)"])
        }
    }
}
