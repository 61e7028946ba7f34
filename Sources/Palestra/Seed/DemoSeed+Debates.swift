import Foundation
import Postgres

/// `palestra seed`'s debate event, the one the seed describes: five cases — ВТБ alone with 32 seats,
/// Алабуга and Б1 sharing 41, Северсталь and Альфа sharing 42 (115 seats) — open from yesterday for a
/// month. Loaded once: a database with any debate event is left as it is.
public struct DebateDemoSeed: Sendable {
    public static let slug = "conference-debates"
    public static let title = "Дебаты конференции"
    /// Pool name and capacity, then its cases.
    static let pools: [(name: String, capacity: Int, cases: [String])] = [
        ("ВТБ", 32, ["ВТБ"]),
        ("Алабуга + Б1", 41, ["Алабуга", "Б1"]),
        ("Северсталь + Альфа", 42, ["Северсталь", "Альфа"]),
    ]
    static let description = """
        Дебаты по пяти кейсам партнёров конференции. Выберите кейс: у некоторых кейсов **общий лимит мест**.

        Debates on five cases of the conference's partners. Some cases **share their seats**.
        """

    let database: PostgresClient

    public init(database: PostgresClient) {
        self.database = database
    }

    /// Loads the event unless one exists; `false` when it did nothing.
    @discardableResult
    public func load(now: Date = Date(), output: @Sendable (String) -> Void) async throws -> Bool {
        let loaded = try await database.transaction { connection in
            guard try await connection.query("SELECT 1 FROM debate_events LIMIT 1").isEmpty else { return false }
            let event: Int = try await connection.query(
                """
                INSERT INTO debate_events (title, slug, description, opens_at, closes_at)
                VALUES ($1, $2, $3, $4::timestamptz - interval '1 day', $4::timestamptz + interval '30 days') RETURNING id
                """,
                [Self.title, Self.slug, Self.description, now]
            ).first?.decode("id") ?? 0
            var position = 0
            for pool in Self.pools {
                let poolID: Int = try await connection.query(
                    "INSERT INTO debate_seat_pools (event_id, name, capacity) VALUES ($1, $2, $3) RETURNING id", [event, pool.name, pool.capacity]
                ).first?.decode("id") ?? 0
                for name in pool.cases {
                    position += 1
                    try await connection.execute(
                        "INSERT INTO debate_cases (event_id, pool_id, name, position) VALUES ($1, $2, $3, $4)", [event, poolID, name, position]
                    )
                }
            }
            return true
        }
        output(loaded
            ? "Debate event loaded: \(Self.title), 5 cases, 115 seats, at /debates/\(Self.slug)"
            : "A debate event exists already: no debate demo loaded.")
        return loaded
    }
}
