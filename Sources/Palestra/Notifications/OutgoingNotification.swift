import Foundation

/// A notification about to be delivered, with what its mail needs to know about the recipient.
struct OutgoingNotification: Sendable, Equatable {
    let id: Int
    let recipientID: Int
    let recipientEmail: String
    let recipientName: String
    let recipientRole: Role
    let kind: String
    let subject: String
    let body: String
    let link: String?
    let createdAt: Date
    /// What it is about, when its sender gave a key (`lesson-event.17.student.42`): then the Message-ID
    /// and the maildir file are named by the key, so a repeat of that event to that user is the same message.
    var key: String? = nil

    /// The log transport's line: `Notification sent to student 42 about lesson "Algebra"`.
    var logLine: String {
        "Notification sent to \(recipientRole.rawValue) \(recipientID) about \(subject)"
    }

    /// The mail from `sender`, dated `date`. Its Message-ID depends only on the notification, so a
    /// second send after a crash (see ``DeliverNotification``) can be recognised as the same message.
    func mail(from sender: MailAddress, date: Date) -> MailMessage {
        let text = [body.trimmingCharacters(in: .whitespacesAndNewlines), link ?? ""].filter { !$0.isEmpty }.joined(separator: "\n\n")
        return MailMessage(
            from: sender,
            to: MailAddress(displayName: recipientName, address: recipientEmail),
            subject: subject,
            date: date,
            messageID: "\(messageToken)@\(sender.domain)",
            kind: kind,
            body: text
        )
    }

    /// `notification.42.1795260600123456`: the id and the creation time in microseconds, unique even
    /// across databases that reuse ids; also the maildir file's name.
    var messageToken: String {
        if let key { return key }
        return "notification.\(id).\(Int64((createdAt.timeIntervalSince1970 * 1_000_000).rounded()))"
    }
}
