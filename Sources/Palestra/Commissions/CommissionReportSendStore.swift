import Foundation
import Postgres

/// The stored record of each commission report emailed, and the lock that makes one email per manager
/// and period whatever the number of workers.
enum CommissionReportSendStore {
    struct Send: Sendable, Equatable {
        let sentAt: Date
        let recipient: String
        let fingerprint: String
    }

    struct NewSend: Sendable {
        let managerID: Int
        let period: String
        let jobID: Int?
        let recipient: String
        let subject: String
        let textBody: String
        let htmlBody: String
        let fingerprint: String
    }

    /// Holds the manager and period for the rest of the transaction: another worker sending the same
    /// report waits here, then sees this one's row.
    static func lock(manager: Int, period: String, on connection: PostgresConnection) async throws {
        _ = try await connection.query("SELECT pg_advisory_xact_lock(hashtext('commission-report'), hashtext($1::bigint || ':' || $2))", [manager, period])
    }

    /// Whether the report was sent already: by this job (a retry), or at all when `anyJob`.
    static func isSent(manager: Int, period: String, job: Int?, anyJob: Bool, on connection: any PostgresQueryable) async throws -> Bool {
        try await !connection.query(
            """
            SELECT 1 AS sent FROM commission_report_sends
            WHERE manager_id = $1 AND period = $2 AND ($3::boolean OR job_id = $4) LIMIT 1
            """,
            [manager, period, anyJob, job]
        ).isEmpty
    }

    static func record(_ send: NewSend, on connection: PostgresConnection) async throws {
        _ = try await connection.query(
            """
            INSERT INTO commission_report_sends (manager_id, period, job_id, recipient, subject, text_body, html_body, fingerprint)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """,
            [send.managerID, send.period, send.jobID, send.recipient, send.subject, send.textBody, send.htmlBody, send.fingerprint]
        )
    }

    /// The latest send of a manager's report for a period.
    static func latest(manager: Int, period: String, on connection: any PostgresQueryable) async throws -> Send? {
        let statement = latestStatement(manager: manager, period: period)
        return try latest(from: try await connection.query(statement.sql, statement.parameters))
    }

    static func latestStatement(manager: Int, period: String) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT sent_at, recipient, fingerprint FROM commission_report_sends
            WHERE manager_id = $1 AND period = $2 ORDER BY sent_at DESC, id DESC LIMIT 1
            """,
            [manager, period]
        )
    }

    static func latest(from rows: PostgresQueryResult) throws -> Send? {
        try rows.first.map { Send(sentAt: try $0.decode("sent_at"), recipient: try $0.decode("recipient"), fingerprint: try $0.decode("fingerprint")) }
    }
}
