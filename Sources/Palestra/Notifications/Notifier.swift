import Postgres

/// Sends a user a notification: a row in their inbox and one ``DeliverNotification`` job, written in the
/// caller's transaction so they commit with the change that causes them, or not at all.
///
/// ```swift
/// try await database.transaction { connection in
///     try await LessonStore.setStatus(.cancelled, of: lesson, on: connection)
///     try await Notifier.notify(
///         recipient: lesson.studentID, kind: "lesson.cancelled", subject: #"lesson "Algebra" is cancelled"#,
///         body: "See you **next week**.", link: "/lessons/\(lesson.id)", on: connection
///     )
/// }
/// ```
public enum Notifier {
    /// Inserts the notification and enqueues its delivery; returns the notification's id.
    ///
    /// - Parameters:
    ///   - recipient: the user's id.
    ///   - kind: what caused it, lowercase letters, digits and `_ . -`: `lesson.status_changed`.
    ///   - subject: one line (line breaks and runs of spaces become one space), 1 to 200 characters.
    ///   - body: Markdown, shown rendered in the inbox and sent as written by mail.
    ///   - link: a path on this site (`/lessons/7`) or an `http(s)` URL.
    ///   - connection: the caller's transaction.
    @discardableResult
    public static func notify(
        recipient: Int, kind: String, subject: String, body: String, link: String? = nil, on connection: PostgresConnection
    ) async throws -> Int {
        let notice = Notice(recipient: recipient, kind: kind, subject: subject, body: body, link: link)
        guard let id = try await notify(batch: [notice], on: connection).first else {
            preconditionFailure("an insert without a key always writes its row")
        }
        return id
    }

    /// The same, once per `key` (what it is about: `lesson-event.17.student.42`): a second call with a key
    /// already written writes nothing, enqueues nothing and returns `nil`. The mail's Message-ID and the
    /// maildir file are named by the key, so a delivery repeated after a crash is recognisably the same message.
    @discardableResult
    public static func notify(
        recipient: Int, kind: String, subject: String, body: String, link: String? = nil, key: String, on connection: PostgresConnection
    ) async throws -> Int? {
        try await notify(batch: [Notice(recipient: recipient, kind: kind, subject: subject, body: body, link: link, key: key)], on: connection).first
    }

    /// One notification of a batch: the arguments of ``notify(recipient:kind:subject:body:link:key:on:)``.
    public struct Notice: Sendable {
        public let recipient: Int
        public let kind: String
        public let subject: String
        public let body: String
        public let link: String?
        public let key: String?

        public init(recipient: Int, kind: String, subject: String, body: String, link: String? = nil, key: String? = nil) {
            self.recipient = recipient
            self.kind = kind
            self.subject = subject.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
            self.body = body
            self.link = link
            self.key = key
        }
    }

    /// Many notifications in one statement whatever their number (their rows and their deliveries' jobs),
    /// in the caller's transaction; the ids of those written (a key already written writes nothing).
    @discardableResult
    public static func notify(batch notices: [Notice], on connection: PostgresConnection) async throws -> [Int] {
        for notice in notices {
            guard notice.link.map(isAllowedLink) ?? true else { throw NotifierError.unsafeLink(notice.link ?? "") }
        }
        return try await NotificationStore.insert(notices, on: connection)
    }

    /// A site path (`/x`, not `//host`) or an http(s) URL; nothing a browser would run or send elsewhere
    /// unannounced. The table's CHECK says the same.
    static func isAllowedLink(_ link: String) -> Bool {
        guard !link.isEmpty, link.count <= 2000, !link.contains(where: { $0.isWhitespace || $0.isNewline }),
              !link.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        if link.hasPrefix("/") {
            return !link.hasPrefix("//") && !link.hasPrefix("/\\")
        }
        let lower = link.lowercased()
        for scheme in ["http://", "https://"] where lower.hasPrefix(scheme) {
            return lower.dropFirst(scheme.count).first.map { $0 != "/" && $0 != "\\" } ?? false
        }
        return false
    }
}
