import Foundation
import Postgres

/// All of the notifications' SQL: writing one, the inbox and its read marks, and what delivery locks and records.
struct NotificationStore: Sendable {
    let database: PostgresClient

    /// The header counts unread notifications up to this many (and shows "99+" from there), so the
    /// count every signed-in page pays for stays small whatever the inbox holds.
    static let unreadCountLimit = 100

    // MARK: Writing, inside the caller's transaction

    /// Writes `notices` in order and enqueues each one's delivery (``DeliverNotification``), all in one statement;
    /// returns the ids of those written, ascending. A keyed notification is written once: one whose key was
    /// already written is left out (and its id and its delivery with it).
    static func insert(_ notices: [Notifier.Notice], on connection: any PostgresQueryable) async throws -> [Int] {
        guard !notices.isEmpty else { return [] }
        let key = DeliverNotification.Arguments.CodingKeys.notificationID.stringValue
        let statement = JobQueue.enqueueStatement(
            DeliverNotification.self,
            with: """
                notices AS (
                    INSERT INTO notifications (recipient_id, kind, subject, body, link, key)
                    SELECT recipient_id, kind, subject, body, link, key
                    FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (recipient_id bigint, kind text, subject text, body text, link text, key text))
                         WITH ORDINALITY AS n(recipient_id, kind, subject, body, link, key, position)
                    ORDER BY position
                    ON CONFLICT (key) WHERE key IS NOT NULL DO NOTHING
                    RETURNING id
                )
                """,
            parameters: [PostgresJSON(notices.map(NoticeRow.init))],
            rows: "(SELECT jsonb_build_object('\(key)', id)::text AS arguments FROM notices) AS notices",
            returning: "(args ->> '\(key)')::bigint AS id"
        )
        return try await connection.query(statement.sql, statement.parameters).map { try $0.decode("id") }
    }

    /// A notice as `jsonb_to_recordset` reads it.
    private struct NoticeRow: Encodable {
        let recipient_id: Int
        let kind: String
        let subject: String
        let body: String
        let link: String?
        let key: String?

        init(_ notice: Notifier.Notice) {
            recipient_id = notice.recipient
            kind = notice.kind
            subject = notice.subject
            body = notice.body
            link = notice.link
            key = notice.key
        }
    }

    // MARK: The inbox

    struct InboxSummary: Sendable {
        let total: Int
        /// The newest notification's id: "mark all as read" marks up to it, not ones that arrived since.
        let newestID: Int?
    }

    func summary(recipient: Int) async throws -> InboxSummary {
        let row = try await database.query(
            "SELECT count(*)::int AS total, max(id) AS newest_id FROM notifications WHERE recipient_id = $1",
            [recipient]
        )[0]
        return InboxSummary(total: try row.decode("total"), newestID: try row.decode("newest_id"))
    }

    /// One page of the recipient's notifications, newest first.
    func page(recipient: Int, limit: Int, offset: Int) async throws -> [InboxNotification] {
        let rows = try await database.query(
            """
            SELECT id, kind, subject, body, link, created_at, read_at
            FROM notifications
            WHERE recipient_id = $1
            ORDER BY created_at DESC, id DESC
            LIMIT $2 OFFSET $3
            """,
            [recipient, limit, offset]
        )
        return try rows.map { row in
            InboxNotification(
                id: try row.decode("id"),
                kind: try row.decode("kind"),
                subject: try row.decode("subject"),
                body: try row.decode("body"),
                link: try row.decode("link"),
                createdAt: try row.decode("created_at"),
                readAt: try row.decode("read_at")
            )
        }
    }

    /// Marks one of the recipient's notifications read (keeping the first read time); false when the
    /// recipient has no notification with that id.
    func markRead(id: Int, recipient: Int) async throws -> Bool {
        try await database.execute(
            "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient_id = $2",
            [id, recipient]
        ) == 1
    }

    /// Marks the recipient's unread notifications read, those up to `newestID` only when given; how many.
    func markAllRead(recipient: Int, upTo newestID: Int?) async throws -> Int {
        try await database.execute(
            """
            UPDATE notifications SET read_at = now()
            WHERE recipient_id = $1 AND read_at IS NULL AND ($2::bigint IS NULL OR id <= $2)
            """,
            [recipient, newestID]
        )
    }

    // MARK: Delivery

    /// Whether the notification exists and has not been delivered (a look without a lock).
    static func isUndelivered(id: Int, on database: any PostgresQueryable) async throws -> Bool {
        try await !database.query("SELECT 1 FROM notifications WHERE id = $1 AND delivered_at IS NULL", [id]).isEmpty
    }

    /// The notification, locked until the transaction ends, if it is still undelivered. A delivery that
    /// committed meanwhile makes this return `nil`: the lock waits for it and the row is re-checked.
    static func lockUndelivered(id: Int, on connection: PostgresConnection) async throws -> OutgoingNotification? {
        let rows = try await connection.query(
            """
            SELECT n.id, n.recipient_id, u.email::text AS email, u.display_name, u.role,
                   n.kind, n.subject, n.body, n.link, n.created_at, n.key
            FROM notifications n
            JOIN users u ON u.id = n.recipient_id
            WHERE n.id = $1 AND n.delivered_at IS NULL
            FOR UPDATE OF n
            """,
            [id]
        )
        return try rows.first.map { row in
            OutgoingNotification(
                id: try row.decode("id"),
                recipientID: try row.decode("recipient_id"),
                recipientEmail: try row.decode("email"),
                recipientName: try row.decode("display_name"),
                recipientRole: Role(rawValue: try row.decode("role")) ?? .student,
                kind: try row.decode("kind"),
                subject: try row.decode("subject"),
                body: try row.decode("body"),
                link: try row.decode("link"),
                createdAt: try row.decode("created_at"),
                key: try row.decode("key")
            )
        }
    }

    static func markDelivered(id: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE notifications SET delivered_at = now() WHERE id = $1", [id])
    }
}
