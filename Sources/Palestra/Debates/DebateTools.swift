import Foundation
import Postgres

/// What `palestra debates …` does (the seed's tools: stats, sync, export, reset, user search), as plain
/// text for a terminal. The command line only parses flags and prints.
public struct DebateTools: Sendable {
    let database: PostgresClient
    let timeZone: TimeZone

    public init(database: PostgresClient, timeZone: TimeZone) {
        self.database = database
        self.timeZone = timeZone
    }

    public enum Failure: Error, CustomStringConvertible, Equatable {
        case noEvent(String)
        case confirmationMismatch

        public var description: String {
            switch self {
            case .noEvent(let slug): "no debate event has the address \(slug)"
            case .confirmationMismatch: "the name typed is not the event's title: nothing was cancelled"
            }
        }
    }

    /// Per event: each case's registered / capacity / free / waiting, then each pool's.
    public func statistics() async throws -> String {
        let store = DebateStore(database: database)
        var lines: [String] = []
        for event in try await store.recentEvents(limit: 100) {
            lines.append("\(event.title) (/debates/\(event.slug))")
            var pools: [Int: (name: String, taken: Int, capacity: Int)] = [:]
            var order: [Int] = []
            for seats in try await store.cases(event: event.id) {
                lines.append("  case \(seats.name): registered \(seats.registered), capacity \(seats.capacity), free \(seats.free), waiting \(seats.waiting)")
                if pools[seats.poolID] == nil { order.append(seats.poolID) }
                pools[seats.poolID] = (seats.poolName, seats.taken, seats.capacity)
            }
            for pool in order.compactMap({ pools[$0] }) {
                lines.append("  pool \(pool.name): taken \(pool.taken) of \(pool.capacity), free \(max(0, pool.capacity - pool.taken))")
            }
        }
        return lines.isEmpty ? "No debate events." : lines.joined(separator: "\n")
    }

    /// Compares every pool's counter with its rows; with `repair`, sets them (audited, no actor). Returns
    /// the report and whether every counter was right.
    public func check(repair: Bool) async throws -> (report: String, isClean: Bool) {
        let mismatches = try await DebateStore.counterMismatches(on: database)
        guard !mismatches.isEmpty else { return ("Every pool's counter equals its rows.", true) }
        var lines = mismatches.map { "pool \($0.poolName) (\($0.eventTitle)): counter \($0.taken), rows \($0.counted)" }
        if repair {
            let repaired = try await database.transaction { connection in
                let repaired = try await DebateStore.repairCounters(on: connection)
                try await AuditStore.record(repaired.map {
                    AuditEntry(actor: nil, action: .change, objectType: DebatePoolsAdmin.resource.slug, objectID: String($0.poolID),
                               objectLabel: $0.poolName, changes: [FieldChange(field: "taken", old: String($0.taken), new: String($0.counted))])
                }, on: connection)
                return repaired
            }
            lines.append("Repaired \(repaired.count) of \(mismatches.count).")
        }
        return (lines.joined(separator: "\n"), false)
    }

    /// The event's participants as the admin's export writes them (CSV with a byte-order mark).
    public func export(slug: String) async throws -> String {
        let store = DebateStore(database: database)
        guard let event = try await store.event(slug: slug) else { throw Failure.noEvent(slug) }
        var csv = CSVWriter()
        csv.append(["Full name", "Email", "University or organisation", "Case", "Registered at"])
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        for registration in try await store.participants(event: event.id) {
            csv.append([registration.fullName, registration.email, registration.affiliation, registration.caseName, formatter.string(from: registration.createdAt)])
        }
        return csv.text
    }

    /// The event's title, for the reset's question.
    public func title(slug: String) async throws -> String {
        guard let event = try await DebateStore(database: database).event(slug: slug) else { throw Failure.noEvent(slug) }
        return event.title
    }

    /// Cancels every active registration of the event when `confirmation` is its title (audited, seats freed).
    public func reset(slug: String, confirmation: String) async throws -> Int {
        guard let event = try await DebateStore(database: database).event(slug: slug) else { throw Failure.noEvent(slug) }
        guard confirmation.trimmingCharacters(in: .whitespacesAndNewlines) == event.title else { throw Failure.confirmationMismatch }
        return try await database.transaction { connection in
            let ids = try await connection.query(
                "SELECT id FROM debate_registrations WHERE event_id = $1 AND cancelled_at IS NULL ORDER BY id", [event.id]
            ).map { try $0.decode("id", as: Int.self) }
            let cancelled = try await DebateSeatStore.cancel(registrations: ids, on: connection)
            try await AuditStore.record(cancelled.map {
                AuditEntry(actor: nil, action: .change, objectType: DebateRegistrationsAdmin.resource.slug, objectID: String($0),
                           changes: [FieldChange(field: "cancelled_at", old: nil, new: "cancelled")])
            }, on: connection)
            return cancelled.count
        }
    }

    /// Registrations of every event, newest first, whose name or email contains `search`.
    public func registrations(search: String?) async throws -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        let rows = try await DebateStore(database: database).registrations(search: search)
        guard !rows.isEmpty else { return "No registrations." }
        return rows.map {
            "\($0.id)\t\($0.fullName)\t\($0.email)\t\($0.caseName)\t\(formatter.string(from: $0.createdAt))\t\($0.isActive ? "active" : "cancelled")"
        }.joined(separator: "\n")
    }
}
