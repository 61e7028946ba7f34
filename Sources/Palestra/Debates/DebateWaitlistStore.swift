import Foundation
import Postgres

/// The waiting lists: a person joins a full case's list; when a seat of its pool frees, the first person
/// waiting for any case of the pool gets an offer that holds the seat (counted in `taken`) until it
/// expires. Accepting registers them; declining or expiry frees the seat and passes it on. Each step
/// locks the entry's row and checks its state, so it happens exactly once.
struct DebateWaitlistStore: Sendable {
    let database: PostgresClient

    enum JoinOutcome: Sendable, Equatable {
        case joined, alreadyWaiting, alreadyRegistered, hasSeats, closed, notFound
    }

    enum OfferOutcome: Sendable, Equatable {
        /// Accepted: the registration and its new private link.
        case accepted(registration: Int, link: DebateLinkToken)
        case declined
        /// The offer was already answered, expired, or never existed.
        case gone
        /// The address registered meanwhile: the held seat went back.
        case alreadyRegistered
    }

    func join(_ registrant: DebateRegistrant, case caseID: Int, event: DebateEvent) async throws -> JoinOutcome {
        try await database.transaction { connection in
            guard try await DebateSeatStore.isOpen(event: event.id, on: connection) else { return .closed }
            let pool = try await connection.query(
                """
                SELECT p.taken < p.capacity AS has_seats FROM debate_cases c JOIN debate_seat_pools p ON p.id = c.pool_id
                WHERE c.id = $1 AND c.event_id = $2
                """,
                [caseID, event.id]
            )
            guard let hasSeats = try pool.first?.decode("has_seats", as: Bool.self) else { return .notFound }
            if hasSeats { return .hasSeats }
            if try await DebateStore.activeRegistration(event: event.id, email: registrant.email, on: connection) != nil {
                return .alreadyRegistered
            }
            let inserted = try await connection.execute(
                """
                INSERT INTO debate_waitlist_entries (event_id, case_id, full_name, email, affiliation) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (event_id, email) WHERE state IN ('waiting', 'offered') DO NOTHING
                """,
                [event.id, caseID, registrant.fullName, registrant.email, registrant.affiliation]
            )
            return inserted == 1 ? .joined : .alreadyWaiting
        }
    }

    /// Accepts the offer behind `token`: the held seat becomes a registration.
    func accept(token: DebateLinkToken) async throws -> OfferOutcome {
        try await database.transaction { connection in
            guard let entry = try await Self.lockOffer(token: token, on: connection) else { return .gone }
            let inserted = try await connection.query(
                """
                INSERT INTO debate_registrations (event_id, case_id, full_name, email, affiliation)
                SELECT event_id, case_id, full_name, email, affiliation FROM debate_waitlist_entries WHERE id = $1
                ON CONFLICT (event_id, email) WHERE cancelled_at IS NULL DO NOTHING
                RETURNING id
                """,
                [entry.id]
            )
            guard let registration = try inserted.first?.decode("id", as: Int.self) else {
                try await Self.end(entry, state: "declined", on: connection)
                try await Self.offerFreedSeats(pool: entry.poolID, on: connection)
                return .alreadyRegistered
            }
            try await connection.execute(
                "UPDATE debate_waitlist_entries SET state = 'accepted', ended_at = now() WHERE id = $1", [entry.id]
            )
            let link = DebateLinkToken.make()
            try await DebateSeatStore.addLink(link, registration: registration, on: connection)
            try await DebateNotices.tellOrganisers(.registered, registration: registration, on: connection)
            return .accepted(registration: registration, link: link)
        }
    }

    func decline(token: DebateLinkToken) async throws -> OfferOutcome {
        try await database.transaction { connection in
            guard let entry = try await Self.lockOffer(token: token, on: connection) else { return .gone }
            try await Self.end(entry, state: "declined", on: connection)
            try await Self.offerFreedSeats(pool: entry.poolID, on: connection)
            return .declined
        }
    }

    /// Ends an offer whose time is up (the expiry job); `false` when it was answered first.
    static func expire(entry id: Int, on connection: PostgresConnection) async throws -> Bool {
        let rows = try await connection.query(
            """
            SELECT w.id, c.pool_id FROM debate_waitlist_entries w JOIN debate_cases c ON c.id = w.case_id
            WHERE w.id = $1 AND w.state = 'offered' AND w.offer_expires_at <= now() FOR UPDATE OF w
            """,
            [id]
        )
        guard let entry = try rows.first.map(HeldOffer.init) else { return false }
        try await end(entry, state: "expired", on: connection)
        try await offerFreedSeats(pool: entry.poolID, on: connection)
        return true
    }

    /// Offers the pool's free seats to the people waiting for its cases, first come first served: each
    /// offer takes a seat, and its mail and expiry are enqueued on the same transaction.
    static func offerFreedSeats(pool: Int, on connection: PostgresConnection) async throws {
        while true {
            let next = try await connection.query(
                """
                SELECT w.id FROM debate_waitlist_entries w JOIN debate_cases c ON c.id = w.case_id
                WHERE c.pool_id = $1 AND w.state = 'waiting' ORDER BY w.created_at, w.id LIMIT 1 FOR UPDATE OF w SKIP LOCKED
                """,
                [pool]
            )
            guard let id = try next.first?.decode("id", as: Int.self) else { return }
            guard try await DebateSeatStore.takeSeat(pool: pool, on: connection) else { return }
            let expires = try await connection.query(
                """
                UPDATE debate_waitlist_entries w SET state = 'offered', offered_at = now(), offer_expires_at = now() + e.offer_hours * interval '1 hour'
                FROM debate_events e WHERE w.id = $1 AND e.id = w.event_id RETURNING w.offer_expires_at
                """,
                [id]
            )
            let expiresAt: Date = try expires.first?.decode("offer_expires_at") ?? Date()
            try await JobQueue.enqueue(MailDebateOfferJob.self, .init(entryID: id), on: connection)
            try await JobQueue.enqueue(ExpireDebateOfferJob.self, .init(entryID: id), options: JobOptions(runAt: expiresAt), on: connection)
        }
    }

    /// Sets a fresh token on a held offer (the offer mail's job); `nil` when the offer is no longer held.
    static func renewOfferToken(entry id: Int, on connection: PostgresConnection) async throws -> (DebateLinkToken, OfferMailFacts)? {
        let token = DebateLinkToken.make()
        let rows = try await connection.query(
            """
            UPDATE debate_waitlist_entries w SET token_hash = $2 FROM debate_cases c, debate_events e
            WHERE w.id = $1 AND w.state = 'offered' AND c.id = w.case_id AND e.id = w.event_id
            RETURNING w.full_name, w.email, c.name AS case_name, e.title AS event_title, w.offer_expires_at
            """,
            [id, token.hash]
        )
        guard let row = rows.first else { return nil }
        return (token, try OfferMailFacts(row: row))
    }

    struct OfferMailFacts: Sendable {
        let fullName: String
        let email: String
        let caseName: String
        let eventTitle: String
        let expiresAt: Date

        init(row: PostgresRow) throws {
            fullName = try row.decode("full_name")
            email = try row.decode("email")
            caseName = try row.decode("case_name")
            eventTitle = try row.decode("event_title")
            expiresAt = try row.decode("offer_expires_at")
        }
    }

    /// The offer behind a token as its page shows it, while it is held.
    func offer(token: DebateLinkToken) async throws -> OfferMailFacts? {
        try await database.query(
            """
            SELECT w.full_name, w.email, c.name AS case_name, e.title AS event_title, w.offer_expires_at
            FROM debate_waitlist_entries w JOIN debate_cases c ON c.id = w.case_id JOIN debate_events e ON e.id = w.event_id
            WHERE w.token_hash = $1 AND w.state = 'offered' AND w.offer_expires_at > now()
            """,
            [token.hash]
        ).first.map(OfferMailFacts.init)
    }

    // MARK: Statements

    struct HeldOffer: Sendable {
        let id: Int
        let poolID: Int

        init(row: PostgresRow) throws {
            id = try row.decode("id")
            poolID = try row.decode("pool_id")
        }
    }

    private static func lockOffer(token: DebateLinkToken, on connection: PostgresConnection) async throws -> HeldOffer? {
        try await connection.query(
            """
            SELECT w.id, c.pool_id FROM debate_waitlist_entries w JOIN debate_cases c ON c.id = w.case_id
            WHERE w.token_hash = $1 AND w.state = 'offered' AND w.offer_expires_at > now() FOR UPDATE OF w
            """,
            [token.hash]
        ).first.map(HeldOffer.init)
    }

    /// Ends a held offer and frees its seat.
    private static func end(_ entry: HeldOffer, state: String, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE debate_waitlist_entries SET state = $2, ended_at = now() WHERE id = $1", [entry.id, state]
        )
        try await DebateSeatStore.freeSeat(pool: entry.poolID, on: connection)
    }
}
