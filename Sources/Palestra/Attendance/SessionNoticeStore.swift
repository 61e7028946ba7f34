import Postgres

/// The SQL of ``SessionNotices``: who is told, in which language, and what about. Every function runs
/// on the caller's connection, inside the transaction of the change that causes the notice.
enum SessionNoticeStore {
    /// A user to notify and the language they chose (`nil`: they follow their browser).
    struct Recipient: Sendable, Equatable {
        let id: Int
        let language: Language?
    }

    /// A group's coach, if their account is active.
    static func coach(ofGroup group: Int, on connection: any PostgresQueryable) async throws -> (recipient: Recipient, groupName: String)? {
        try await connection.query(
            """
            SELECT u.id, u.language, g.name
            FROM training_groups g JOIN users u ON u.id = g.coach_id
            WHERE g.id = $1 AND u.is_active
            """,
            [group]
        ).first.map { row in
            (Recipient(id: try row.decode("id"), language: (try row.decode("language", as: String?.self)).flatMap(Language.init)), try row.decode("name"))
        }
    }

    /// Every active administrator, by id.
    static func administrators(on connection: any PostgresQueryable) async throws -> [Recipient] {
        try await connection.query("SELECT id, language FROM users WHERE role = 'admin' AND is_active ORDER BY id").map { row in
            Recipient(id: try row.decode("id"), language: (try row.decode("language", as: String?.self)).flatMap(Language.init))
        }
    }
}
