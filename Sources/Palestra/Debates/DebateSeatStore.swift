import Foundation
import Postgres

/// Every change to who holds a seat, each in one transaction that also moves the pool's counter: the
/// counter's `CHECK (taken BETWEEN 0 AND capacity)` and the row lock its `UPDATE … WHERE taken < capacity`
/// takes are what keep a pool from ever being oversold, however many requests arrive at once. The jobs
/// and notifications a change causes are written in the same transaction.
struct DebateSeatStore: Sendable {
    let database: PostgresClient

    /// Thrown inside a transaction to roll it back with an outcome.
    private struct Refusal: Error {
        let outcome: DebateSeatOutcome
    }

    /// Registers `registrant` for `caseID` of `event` if the event is open and the case's pool has a seat.
    func register(_ registrant: DebateRegistrant, case caseID: Int, event: DebateEvent) async throws -> DebateSeatOutcome {
        do {
            return try await database.transaction { connection in
                guard try await Self.isOpen(event: event.id, on: connection) else { throw Refusal(outcome: .closed) }
                let inserted = try await connection.query(
                    """
                    INSERT INTO debate_registrations (event_id, case_id, full_name, email, affiliation)
                    SELECT c.event_id, c.id, $3, $4, $5 FROM debate_cases c WHERE c.id = $1 AND c.event_id = $2
                    ON CONFLICT (event_id, email) WHERE cancelled_at IS NULL DO NOTHING
                    RETURNING id
                    """,
                    [caseID, event.id, registrant.fullName, registrant.email, registrant.affiliation]
                )
                guard let id = try inserted.first?.decode("id", as: Int.self) else {
                    guard let existing = try await DebateStore.activeRegistration(event: event.id, email: registrant.email, on: connection) else {
                        throw Refusal(outcome: .notFound)
                    }
                    try await DebateNotices.mailLink(registration: existing.id, reason: .askedAgain, on: connection)
                    return .alreadyRegistered
                }
                guard try await Self.takeSeat(case: caseID, on: connection) else { throw Refusal(outcome: .full) }
                let link = DebateLinkToken.make()
                try await Self.addLink(link, registration: id, on: connection)
                try await DebateNotices.mailLink(registration: id, reason: .confirmed, on: connection)
                try await DebateNotices.tellOrganisers(.registered, registration: id, on: connection)
                return .done(registration: id, link: link)
            }
        } catch let refusal as Refusal {
            return refusal.outcome
        }
    }

    /// Moves the registration behind `link` to `caseID`: the new seat taken and the old one freed in one
    /// transaction; a full case leaves the registration where it was.
    func switchCase(link: DebateLinkToken, to caseID: Int) async throws -> DebateSeatOutcome {
        do {
            return try await database.transaction { connection in
                guard let current = try await Self.lockActive(link: link, on: connection) else { throw Refusal(outcome: .notFound) }
                guard try await Self.isOpen(event: current.eventID, on: connection) else { throw Refusal(outcome: .closed) }
                guard current.caseID != caseID else { return .unchanged }
                let target = try await connection.query(
                    "SELECT pool_id FROM debate_cases WHERE id = $1 AND event_id = $2", [caseID, current.eventID]
                )
                guard let newPool = try target.first?.decode("pool_id", as: Int.self) else { throw Refusal(outcome: .notFound) }
                if newPool != current.poolID {
                    // Both pools locked in one order, so two switches in opposite directions cannot deadlock.
                    _ = try await connection.query(
                        "SELECT id FROM debate_seat_pools WHERE id = ANY($1) ORDER BY id FOR UPDATE", [[newPool, current.poolID]]
                    )
                    guard try await Self.takeSeat(pool: newPool, on: connection) else { throw Refusal(outcome: .full) }
                    try await Self.freeSeat(pool: current.poolID, on: connection)
                }
                try await connection.execute(
                    "UPDATE debate_registrations SET case_id = $2, updated_at = now(), version = version + 1 WHERE id = $1",
                    [current.id, caseID]
                )
                try await DebateNotices.tellOrganisers(.switched, registration: current.id, from: current.caseName, on: connection)
                if newPool != current.poolID {
                    try await DebateWaitlistStore.offerFreedSeats(pool: current.poolID, on: connection)
                }
                return .done(registration: current.id, link: nil)
            }
        } catch let refusal as Refusal {
            return refusal.outcome
        }
    }

    /// Cancels the registration behind `link`: its seat is free at once (and offered to the waiting list).
    func cancel(link: DebateLinkToken) async throws -> DebateSeatOutcome {
        try await database.transaction { connection in
            guard let current = try await Self.lockActive(link: link, on: connection) else { return .notFound }
            // After registration has closed the seat is still freed (the waiting list moves on); the organisers are told it came late.
            let late = try await Self.hasClosed(event: current.eventID, on: connection)
            try await Self.cancel(current, on: connection)
            try await DebateNotices.tellOrganisers(late ? .cancelledLate : .cancelled, registration: current.id, on: connection)
            try await DebateWaitlistStore.offerFreedSeats(pool: current.poolID, on: connection)
            return .done(registration: current.id, link: nil)
        }
    }

    /// Cancels active registrations by id (an organiser's action), freeing their seats; returns those cancelled.
    static func cancel(registrations ids: [Int], on connection: PostgresConnection) async throws -> [Int] {
        let rows = try await connection.query(
            """
            SELECT r.id, r.event_id, r.case_id, c.pool_id, c.name AS case_name FROM debate_registrations r JOIN debate_cases c ON c.id = r.case_id
            WHERE r.id = ANY($1) AND r.cancelled_at IS NULL ORDER BY r.id FOR UPDATE OF r
            """,
            [ids]
        )
        var cancelled: [Int] = []
        for row in rows {
            let held = try HeldSeat(row: row)
            try await cancel(held, on: connection)
            try await DebateNotices.tellOrganisers(.cancelled, registration: held.id, on: connection)
            cancelled.append(held.id)
        }
        for pool in Set(try rows.map { try $0.decode("pool_id", as: Int.self) }).sorted() {
            try await DebateWaitlistStore.offerFreedSeats(pool: pool, on: connection)
        }
        return cancelled
    }

    // MARK: Statements

    /// An active registration's seat, locked.
    struct HeldSeat: Sendable {
        let id: Int
        let eventID: Int
        let caseID: Int
        let poolID: Int
        let caseName: String

        init(row: PostgresRow) throws {
            id = try row.decode("id")
            eventID = try row.decode("event_id")
            caseID = try row.decode("case_id")
            poolID = try row.decode("pool_id")
            caseName = try row.decode("case_name")
        }
    }

    private static func cancel(_ held: HeldSeat, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE debate_registrations SET cancelled_at = now(), updated_at = now(), version = version + 1 WHERE id = $1", [held.id]
        )
        try await freeSeat(pool: held.poolID, on: connection)
    }

    private static func lockActive(link: DebateLinkToken, on connection: PostgresConnection) async throws -> HeldSeat? {
        try await connection.query(
            """
            SELECT r.id, r.event_id, r.case_id, c.pool_id, c.name AS case_name
            FROM debate_registration_links l
            JOIN debate_registrations r ON r.id = l.registration_id
            JOIN debate_cases c ON c.id = r.case_id
            WHERE l.token_hash = $1 AND r.cancelled_at IS NULL
            FOR UPDATE OF r
            """,
            [link.hash]
        ).first.map(HeldSeat.init)
    }

    /// Whether the event's registration has closed (its closing time passed, or it was archived).
    static func hasClosed(event: Int, on connection: any PostgresQueryable) async throws -> Bool {
        try await !connection.query(
            "SELECT 1 FROM debate_events WHERE id = $1 AND (is_archived OR closes_at <= now())", [event]
        ).isEmpty
    }

    static func isOpen(event: Int, on connection: any PostgresQueryable) async throws -> Bool {
        try await !connection.query(
            "SELECT 1 FROM debate_events WHERE id = $1 AND NOT is_archived AND opens_at <= now() AND closes_at > now()", [event]
        ).isEmpty
    }

    /// One seat of the case's pool, if it has one: the row lock makes concurrent takers wait, and each
    /// sees the counter the one before it left.
    static func takeSeat(case caseID: Int, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            """
            UPDATE debate_seat_pools p SET taken = p.taken + 1
            FROM debate_cases c WHERE c.id = $1 AND p.id = c.pool_id AND p.taken < p.capacity
            """,
            [caseID]
        ) == 1
    }

    static func takeSeat(pool: Int, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute("UPDATE debate_seat_pools SET taken = taken + 1 WHERE id = $1 AND taken < capacity", [pool]) == 1
    }

    static func freeSeat(pool: Int, on connection: PostgresConnection) async throws {
        try await connection.execute("UPDATE debate_seat_pools SET taken = taken - 1 WHERE id = $1", [pool])
    }

    static func addLink(_ link: DebateLinkToken, registration: Int, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            "INSERT INTO debate_registration_links (token_hash, registration_id) VALUES ($1, $2)", [link.hash, registration]
        )
    }
}
