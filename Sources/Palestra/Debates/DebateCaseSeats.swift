import Postgres

/// A case of an event with the seats of its pool, as the public page shows it (free seats are the
/// pool's: cases that share a pool show the same number).
struct DebateCaseSeats: Sendable, Equatable {
    let id: Int
    let name: String
    let description: String
    let poolID: Int
    let poolName: String
    let capacity: Int
    let taken: Int
    /// People on the case's waiting list (waiting or holding an offer).
    let waiting: Int
    /// The case's own active registrations (the pool's `taken` counts its every case, and held offers).
    let registered: Int

    var free: Int { max(0, capacity - taken) }
    var isFull: Bool { free == 0 }

    init(row: PostgresRow) throws {
        id = try row.decode("id")
        name = try row.decode("name")
        description = try row.decode("description")
        poolID = try row.decode("pool_id")
        poolName = try row.decode("pool_name")
        capacity = try row.decode("capacity")
        taken = try row.decode("taken")
        waiting = try row.decode("waiting")
        registered = try row.decode("registered")
    }
}
