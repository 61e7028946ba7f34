import Foundation
import Logging

/// A mail to a person who registered (they have no account, so no inbox): sent through the configured
/// notification transport, in the organisation's language.
struct DebateMail: Sendable {
    let to: MailAddress
    let subject: String
    let body: String
    /// Unique per mail: the maildir file's name and the Message-ID's left part.
    let token: String
    let kind: String

    func send(with settings: NotificationSettings, logger: Logger) async throws {
        let mail = MailMessage(
            from: settings.sender, to: to, subject: subject, date: Date(), messageID: "\(token)@\(settings.sender.domain)", kind: kind, body: body
        )
        switch settings.transport {
        case .log:
            logger.info("Debate mail sent to \(to.address): \(subject)")
        case .maildir(let folder):
            _ = try await MaildirFolder(path: folder).store(mail.rendered(lineEnding: "\r\n"), named: token + ".eml")
        case .sendmail(let path):
            try await Sendmail(path: path).send(mail.rendered(lineEnding: "\n"))
        }
    }
}
