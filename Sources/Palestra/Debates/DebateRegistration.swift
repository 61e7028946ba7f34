import Foundation
import Postgres

/// A person's registration for a case of an event; cancelled when `cancelledAt` is set.
struct DebateRegistration: Sendable, Equatable {
    let id: Int
    let eventID: Int
    let caseID: Int
    let caseName: String
    let fullName: String
    let email: String
    let affiliation: String
    let createdAt: Date
    let cancelledAt: Date?

    var isActive: Bool { cancelledAt == nil }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        eventID = try row.decode("event_id")
        caseID = try row.decode("case_id")
        caseName = try row.decode("case_name")
        fullName = try row.decode("full_name")
        email = try row.decode("email")
        affiliation = try row.decode("affiliation")
        createdAt = try row.decode("created_at")
        cancelledAt = try row.decode("cancelled_at")
    }

    /// The columns `init(row:)` reads, from `debate_registrations r JOIN debate_cases c`.
    static let columns = "r.id, r.event_id, r.case_id, c.name AS case_name, r.full_name, r.email, r.affiliation, r.created_at, r.cancelled_at"
}
