import Postgres

/// A pool whose counter (`taken`) differs from what its rows say: active registrations of its cases
/// plus held waiting-list offers. The counter check should never find one.
struct DebateCounterMismatch: Sendable, Equatable {
    let poolID: Int
    let poolName: String
    let eventTitle: String
    let taken: Int
    let counted: Int

    init(row: PostgresRow) throws {
        poolID = try row.decode("id")
        poolName = try row.decode("name")
        eventTitle = try row.decode("event_title")
        taken = try row.decode("taken")
        counted = try row.decode("counted")
    }
}
