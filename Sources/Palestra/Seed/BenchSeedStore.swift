import Postgres

/// The benchmark data's SQL: every kind of row in one set-based statement, no audit records.
enum BenchSeedStore {
    /// Coaches `bench.coach<N>@palestra.example`, all with the same password hash; their ids.
    /// A bench coach left from an earlier load (the database's training data since removed) is reused,
    /// made a coach again with the bench password, so what `seed --bench` prints stays true.
    static func insertCoaches(count: Int, passwordHash: String, on connection: any PostgresQueryable) async throws -> [Int] {
        try await connection.query(
            """
            INSERT INTO users (email, display_name, role, password_hash)
            SELECT 'bench.coach' || n || '@palestra.example', 'Bench Coach ' || n, 'coach', $2
            FROM generate_series(1, $1::int) AS n ORDER BY n
            ON CONFLICT (email) DO UPDATE SET role = 'coach', password_hash = EXCLUDED.password_hash, is_active = true
            RETURNING id
            """,
            [count, passwordHash]
        ).map { try $0.decode("id") }
    }

    /// `groups` groups, coached in turn by `coaches`, each with two weekly slots, generated through `month`.
    static func insertGroups(_ groups: Int, coaches: [Int], generatedThrough month: CalendarDate, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            WITH created AS (
                INSERT INTO training_groups (name, coach_id, description, generated_through)
                SELECT 'Bench group ' || lpad(n::text, 3, '0'), ($2::bigint[])[1 + (n - 1) % cardinality($2::bigint[])],
                       'A benchmark group.', $3::date
                FROM generate_series(1, $1::int) AS n
                RETURNING id
            )
            INSERT INTO group_schedule_slots (group_id, weekday, starts_at, duration_minutes, location)
            SELECT id, 1 + (id + k * 2) % 7, make_time(15 + k * 2, 0, 0), 90, 'Hall ' || (1 + id % 5)
            FROM created, generate_series(0, 1) AS k
            """,
            [groups, coaches, month]
        )
    }

    /// `count` athletes, each a member of one group (in turn) since `since`.
    static func insertAthletes(_ count: Int, since: CalendarDate, on connection: any PostgresQueryable) async throws {
        try await connection.execute(
            """
            WITH groups AS (SELECT array_agg(id ORDER BY id) AS ids FROM training_groups),
            created AS (
                INSERT INTO athletes (full_name, birth_date, contact)
                SELECT (ARRAY['Artem','Maria','Ivan','Sofia','Mikhail','Anna','Lev','Eva','Mark','Vera'])[1 + n % 10] || ' '
                       || (ARRAY['Ivanov','Petrov','Sokolov','Kuznetsov','Popov','Lebedev','Kozlov','Novikov'])[1 + (n / 10) % 8]
                       || ' ' || n,
                       date '2010-01-01' + (n * 37) % 3650, ''
                FROM generate_series(1, $1::int) AS n
                RETURNING id
            )
            INSERT INTO group_memberships (athlete_id, group_id, joined_on)
            SELECT c.id, g.ids[1 + c.id % cardinality(g.ids)], $2::date FROM created c, groups g
            """,
            [count, since]
        )
    }

    /// Every group's sessions from `from` to `through` on its slots, those before `today` held and closed.
    static func insertSessions(from: CalendarDate, through: CalendarDate, today: CalendarDate, on connection: any PostgresQueryable) async throws -> Int {
        try await connection.execute(
            """
            INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, location, origin, slot_id, status, is_closed)
            SELECT sl.group_id, day::date, sl.starts_at, sl.starts_at + make_interval(mins => sl.duration_minutes), sl.location,
                   'schedule', sl.id, CASE WHEN day::date < $3::date THEN 'held' ELSE 'planned' END, day::date < $3::date - 7
            FROM group_schedule_slots sl
            JOIN generate_series($1::date, $2::date, interval '1 day') AS day ON extract(isodow FROM day) = sl.weekday
            """,
            [from, through, today]
        )
    }

    /// A mark for every member at every held session: mostly present, some late, excused or absent.
    static func insertAttendance(markedBy coaches: [Int], on connection: any PostgresQueryable) async throws -> Int {
        try await connection.execute(
            """
            INSERT INTO attendance_records (session_id, athlete_id, status, marked_by, marked_at)
            SELECT s.id, m.athlete_id,
                   (ARRAY['present','present','present','present','present','present','late','excused','absent','absent'])[1 + (s.id * 7 + m.athlete_id * 13) % 10],
                   g.coach_id, s.session_date + s.ends_at
            FROM training_sessions s
            JOIN training_groups g ON g.id = s.group_id
            JOIN group_memberships m ON m.group_id = s.group_id AND m.joined_on <= s.session_date
            WHERE s.status = 'held'
            """
        )
    }

    /// Statistics for the planner, and the visibility map an index-only scan needs, as autovacuum soon gives a live
    /// database (200,000 rows inserted at once pass its thresholds): the benchmark measures the steady state, like
    /// the other benchmark seeds (`Benchmarks/*-seed.sql` end with `VACUUM (ANALYZE)`).
    static func vacuum(on connection: any PostgresQueryable) async throws {
        try await connection.execute("VACUUM (ANALYZE)")
    }
}
