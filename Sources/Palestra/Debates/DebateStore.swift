import Foundation
import Postgres

/// The debate area's reads: an event by its address, its cases with their pools' seats, a registration
/// by its private link, and what the organisers' statistics and counter check count.
struct DebateStore: Sendable {
    let database: PostgresClient

    func event(slug: String) async throws -> DebateEvent? {
        try await database.query("SELECT \(DebateEvent.columns) FROM debate_events WHERE slug = $1", [slug]).first.map(DebateEvent.init)
    }

    func event(id: Int) async throws -> DebateEvent? {
        try await database.query("SELECT \(DebateEvent.columns) FROM debate_events WHERE id = $1", [id]).first.map(DebateEvent.init)
    }

    /// The event's cases in their order, each with its pool's counter and its waiting list's length.
    func cases(event: Int) async throws -> [DebateCaseSeats] {
        try await Self.cases(event: event, on: database)
    }

    static func cases(event: Int, on connection: any PostgresQueryable) async throws -> [DebateCaseSeats] {
        try await connection.query(
            """
            SELECT c.id, c.name, c.description, c.pool_id, p.name AS pool_name, p.capacity, p.taken,
                   (SELECT count(*)::int FROM debate_waitlist_entries w WHERE w.case_id = c.id AND w.state IN ('waiting', 'offered')) AS waiting,
                   (SELECT count(*)::int FROM debate_registrations r WHERE r.case_id = c.id AND r.cancelled_at IS NULL) AS registered
            FROM debate_cases c JOIN debate_seat_pools p ON p.id = c.pool_id
            WHERE c.event_id = $1
            ORDER BY c.position, c.name, c.id
            """,
            [event]
        ).map(DebateCaseSeats.init)
    }

    /// The registration a private link opens (active or cancelled), with its event.
    func registration(link: DebateLinkToken) async throws -> (DebateRegistration, DebateEvent)? {
        let rows = try await database.query(
            """
            SELECT \(DebateRegistration.columns)
            FROM debate_registration_links l
            JOIN debate_registrations r ON r.id = l.registration_id
            JOIN debate_cases c ON c.id = r.case_id
            WHERE l.token_hash = $1
            """,
            [link.hash]
        )
        guard let registration = try rows.first.map(DebateRegistration.init),
              let event = try await event(id: registration.eventID) else { return nil }
        return (registration, event)
    }

    /// The active registration of an address for an event.
    static func activeRegistration(event: Int, email: String, on connection: any PostgresQueryable) async throws -> DebateRegistration? {
        try await connection.query(
            """
            SELECT \(DebateRegistration.columns)
            FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id
            WHERE r.event_id = $1 AND r.email = $2 AND r.cancelled_at IS NULL
            """,
            [event, email]
        ).first.map(DebateRegistration.init)
    }

    static func registration(id: Int, on connection: any PostgresQueryable) async throws -> DebateRegistration? {
        try await connection.query(
            """
            SELECT \(DebateRegistration.columns)
            FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id
            WHERE r.id = $1
            """,
            [id]
        ).first.map(DebateRegistration.init)
    }

    /// Every pool whose counter differs from its cases' active registrations plus its held offers.
    static func counterMismatches(on connection: any PostgresQueryable) async throws -> [DebateCounterMismatch] {
        try await connection.query(
            """
            SELECT p.id, p.name, e.title AS event_title, p.taken,
                   (SELECT count(*)::int FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id
                    WHERE c.pool_id = p.id AND r.cancelled_at IS NULL)
                 + (SELECT count(*)::int FROM debate_waitlist_entries w JOIN debate_cases c ON c.id = w.case_id
                    WHERE c.pool_id = p.id AND w.state = 'offered') AS counted
            FROM debate_seat_pools p JOIN debate_events e ON e.id = p.event_id
            ORDER BY e.id, p.id
            """
        ).map(DebateCounterMismatch.init).filter { $0.taken != $0.counted }
    }

    /// The events the statistics show: open and coming ones first, then the latest.
    func recentEvents(limit: Int = 20) async throws -> [DebateEvent] {
        try await database.query(
            "SELECT \(DebateEvent.columns) FROM debate_events ORDER BY is_archived, closes_at DESC, id DESC LIMIT $1", [limit]
        ).map(DebateEvent.init)
    }

    /// The event's active registrations for the export, by case then name.
    func participants(event: Int) async throws -> [DebateRegistration] {
        try await database.query(
            """
            SELECT \(DebateRegistration.columns)
            FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id
            WHERE r.event_id = $1 AND r.cancelled_at IS NULL
            ORDER BY c.position, c.name, r.full_name, r.id
            """,
            [event]
        ).map(DebateRegistration.init)
    }

    /// The registrations `palestra debates registrations` lists: every event's, newest first, matching `search`.
    func registrations(search: String?, limit: Int = 500) async throws -> [DebateRegistration] {
        try await database.query(
            """
            SELECT \(DebateRegistration.columns)
            FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id
            WHERE $1::text IS NULL OR r.full_name ILIKE '%' || $1 || '%' OR r.email ILIKE '%' || $1 || '%'
            ORDER BY r.created_at DESC, r.id DESC LIMIT $2
            """,
            [search, limit]
        ).map(DebateRegistration.init)
    }

    /// Sets every mismatched pool's counter to what its rows say, when the capacity allows; returns what was
    /// repaired (the others are left, and listed again by the next check).
    static func repairCounters(on connection: PostgresConnection) async throws -> [DebateCounterMismatch] {
        _ = try await connection.query("SELECT id FROM debate_seat_pools ORDER BY id FOR UPDATE")
        var repaired: [DebateCounterMismatch] = []
        for mismatch in try await counterMismatches(on: connection) {
            let changed = try await connection.execute(
                "UPDATE debate_seat_pools SET taken = $2 WHERE id = $1 AND $2 <= capacity", [mismatch.poolID, mismatch.counted]
            )
            if changed == 1 { repaired.append(mismatch) }
        }
        return repaired
    }

    /// The ids of the active administrators, who are told of every registration, switch and cancellation.
    static func administrators(on connection: any PostgresQueryable) async throws -> [Int] {
        try await connection.query("SELECT id FROM users WHERE role = 'admin' AND is_active ORDER BY id").map { try $0.decode("id") }
    }
}
