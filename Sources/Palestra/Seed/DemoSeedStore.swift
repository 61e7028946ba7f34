import Postgres

/// The demo data's SQL: groups, slots, athletes and memberships, each kind in one statement.
enum DemoSeedStore {
    /// Whether any training group exists: the demo is loaded once, into a database without any.
    static func hasTrainingData(on database: any PostgresQueryable) async throws -> Bool {
        try await database.query("SELECT EXISTS (SELECT 1 FROM training_groups)")[0].decode(at: 0)
    }

    static func insertGroup(name: String, coach: Int, description: String, on connection: any PostgresQueryable) async throws -> Int {
        try await connection.query(
            "INSERT INTO training_groups (name, coach_id, description) VALUES ($1, $2, $3) RETURNING id", [name, coach, description]
        )[0].decode("id")
    }

    static func insertSlots(group: Int, slots: [DemoSeed.Slot], on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            INSERT INTO group_schedule_slots (group_id, weekday, starts_at, duration_minutes, location)
            SELECT $1, weekday, starts_at::time, minutes, location
            FROM unnest($2::int[], $3::text[], $4::int[], $5::text[]) AS slot(weekday, starts_at, minutes, location)
            """,
            [group, slots.map(\.weekday), slots.map(\.start), slots.map(\.minutes), slots.map(\.location)]
        )
    }

    /// Inserts athletes; their ids, in order.
    static func insertAthletes(_ athletes: [DemoSeed.Athlete], on connection: any PostgresQueryable) async throws -> [Int] {
        try await connection.query(
            """
            INSERT INTO athletes (full_name, birth_date, contact)
            SELECT full_name, birth_date, contact
            FROM unnest($1::text[], $2::date[], $3::text[]) WITH ORDINALITY AS a(full_name, birth_date, contact, position)
            ORDER BY position
            RETURNING id
            """,
            [athletes.map(\.fullName), athletes.map(\.birthDate), athletes.map(\.contact)]
        ).map { try $0.decode("id") }
    }

    static func insertMemberships(_ memberships: [DemoSeed.Membership], on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            INSERT INTO group_memberships (athlete_id, group_id, joined_on, left_on)
            SELECT athlete, grp, joined_on, nullif(left_on, '')::date
            FROM unnest($1::bigint[], $2::bigint[], $3::date[], $4::text[]) AS m(athlete, grp, joined_on, left_on)
            """,
            [memberships.map(\.athlete), memberships.map(\.group), memberships.map(\.joinedOn), memberships.map { $0.leftOn?.description ?? "" }]
        )
    }

    /// Sessions that started before `now` are marked held: the demo's past happened.
    static func markPastHeld(before now: LocalMoment, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            "UPDATE training_sessions SET status = 'held' WHERE session_date + starts_at < $1::timestamp AND status = 'planned'",
            [now.description]
        )
    }
}
