import Postgres

/// A training session a generation, re-sync or cleanup created, removed, cancelled or updated.
public struct AffectedTrainingSession: Sendable, Hashable {
    public let id: Int
    public let groupID: Int
    public let groupName: String
    public let date: CalendarDate
    /// `HH:MM`.
    public let startsAt: String
    /// The status before a re-sync cancelled it.
    public let previousStatus: String?

    /// How people (the audit log, the CLI) name it: "U-12 Football · 2026-11-23 18:00".
    public var label: String {
        "\(groupName) · \(date) \(startsAt)"
    }

    static func decode(_ row: PostgresRow) throws -> AffectedTrainingSession {
        AffectedTrainingSession(
            id: try row.decode("id"), groupID: try row.decode("group_id"), groupName: try row.decode("group_name"),
            date: try row.decode("session_date"), startsAt: try row.decode("starts_at"),
            previousStatus: try row.decode("previous_status")
        )
    }
}
