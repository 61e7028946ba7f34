import Postgres

/// The demo's commission data: teams, memberships and entries, written in the seed's transaction.
enum CommissionSeedStore {
    static func hasTeams(on connection: any PostgresQueryable) async throws -> Bool {
        try await !connection.query("SELECT 1 AS found FROM teams LIMIT 1", []).isEmpty
    }

    static func insertTeam(name: String, manager: Int, members: [Int], joinedOn: CalendarDate, on connection: any PostgresQueryable) async throws {
        let rows = try await connection.query("INSERT INTO teams (name, manager_id) VALUES ($1, $2) RETURNING id", [name, manager])
        let team: Int = try rows[0].decode("id")
        _ = try await connection.query(
            "INSERT INTO team_memberships (team_id, member_id, joined_on) SELECT $1, unnest($2::bigint[]), $3::date",
            [team, members, joinedOn]
        )
    }

    /// Inserts the entries (their manager set by the table's trigger); returns their ids in order.
    static func insertEntries(_ entries: [DemoSeed.CommissionEntry], on connection: any PostgresQueryable) async throws -> [Int] {
        try await connection.query(
            """
            INSERT INTO commission_entries (member_id, entry_date, deal, note, base_minor, rate_bp, currency, status)
            SELECT * FROM unnest($1::bigint[], $2::date[], $3::text[], $4::text[], $5::bigint[], $6::integer[], $7::text[], $8::text[])
            RETURNING id
            """,
            [entries.map(\.member), entries.map(\.date), entries.map(\.deal), entries.map(\.note), entries.map(\.base),
             entries.map(\.rate), entries.map(\.currency), entries.map(\.status)]
        ).map { try $0.decode("id") }
    }

    static func insertAdjustment(of original: Int, base: Int, reason: String, date: CalendarDate, on connection: any PostgresQueryable) async throws {
        _ = try await connection.query(
            """
            INSERT INTO commission_entries (member_id, entry_date, deal, base_minor, rate_bp, currency, adjusts_id, reason)
            SELECT member_id, $2::date, deal || ' (correction)', $3, rate_bp, currency, id, $4 FROM commission_entries WHERE id = $1
            """,
            [original, date, base, reason]
        )
    }
}
