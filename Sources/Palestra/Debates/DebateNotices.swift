import Postgres

/// What a registration change causes besides itself, enqueued on the changing transaction's connection
/// so it commits with the change or not at all: a mail with a private link to the person, and the
/// organisers' notice (``DebateChangeNoticeJob``: every administrator in-app and by mail, and the
/// Telegram chat when one is configured).
enum DebateNotices {
    enum Change: String, Codable, Sendable {
        case registered, switched, cancelled
        /// Cancelled through the private link after registration closed.
        case cancelledLate
    }

    /// Enqueues the mail with a fresh private link (the job makes the link, so its secret is stored nowhere).
    static func mailLink(registration: Int, reason: MailDebateLinkJob.Reason, on connection: PostgresConnection) async throws {
        try await JobQueue.enqueue(MailDebateLinkJob.self, .init(registrationID: registration, reason: reason), on: connection)
    }

    /// Tells the organisers what happened to `registration` (`from`: the case it left, for a switch).
    static func tellOrganisers(_ change: Change, registration: Int, from: String? = nil, on connection: PostgresConnection) async throws {
        // The case as it is now, in this transaction: the job runs later, after other changes perhaps.
        let caseName = try await connection.query(
            "SELECT c.name FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id WHERE r.id = $1", [registration]
        ).first?.decode("name", as: String.self)
        try await JobQueue.enqueue(
            DebateChangeNoticeJob.self, .init(registrationID: registration, change: change, fromCase: from, caseName: caseName), on: connection
        )
    }
}
