/// How notifications are delivered: the transport, the sender, and an optional pause per delivery.
public struct NotificationSettings: Sendable, Equatable {
    /// `PALESTRA_MAIL_TRANSPORT` with `PALESTRA_MAILDIR` or `PALESTRA_SENDMAIL` (default: the log).
    public var transport: NotificationTransport
    /// `PALESTRA_MAIL_FROM` (default `Palestra <noreply@palestra.example>`).
    public var sender: MailAddress
    /// `PALESTRA_NOTIFICATION_DELAY_MS`: a pause before each delivery, standing in for a slow external
    /// service. It is an async sleep that holds no database connection and blocks no thread (default 0).
    public var delay: Duration

    public static let defaultSendmailPath = "/usr/sbin/sendmail"

    public init(transport: NotificationTransport = .log, sender: MailAddress = .defaultSender, delay: Duration = .zero) {
        self.transport = transport
        self.sender = sender
        self.delay = delay
    }
}
