@testable import Palestra
import Postgres
import TestSupport

/// Training rows written straight in SQL for the training pages' tests.
enum TestTraining {
    /// A group of `coach` with its slots (`(weekday, "HH:MM", minutes)`); returns its id.
    @discardableResult
    static func group(
        _ name: String, coach: Int, archived: Bool = false, slots: [(Int, String, Int)] = [], in database: TestDatabase
    ) async throws -> Int {
        let id: Int = try await database.value(
            "INSERT INTO training_groups (name, coach_id, is_archived) VALUES ($1, $2, $3) RETURNING id::int", [name, coach, archived]
        )
        for (weekday, start, minutes) in slots {
            try await database.run(
                "INSERT INTO group_schedule_slots (group_id, weekday, starts_at, duration_minutes, location) VALUES ($1, $2, $3::time, $4, 'Hall A')",
                [id, weekday, start, minutes]
            )
        }
        return id
    }

    /// A session of `group` on `date` (`YYYY-MM-DD`) at `start`; returns its id.
    @discardableResult
    static func session(group: Int, date: String, start: String = "18:00", end: String = "19:30", in database: TestDatabase) async throws -> Int {
        try await database.value(
            """
            INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, location)
            VALUES ($1, $2::date, $3::time, $4::time, 'Hall A') RETURNING id::int
            """,
            [group, date, start, end]
        )
    }

    /// How many re-sync jobs wait for the group.
    static func resyncJobs(group: Int, in database: TestDatabase) async throws -> Int {
        try await database.value(
            "SELECT count(*)::int FROM jobs WHERE kind = $1 AND (args->>'group_id')::bigint = $2", [ScheduleResyncJob.name, group]
        )
    }

    /// The slots of a group as `weekday HH:MM minutes location` lines, in order.
    static func slots(of group: Int, in database: TestDatabase) async throws -> [String] {
        let text: String? = try await database.value(
            """
            SELECT string_agg(weekday || ' ' || to_char(starts_at, 'HH24:MI') || ' ' || duration_minutes || ' ' || location, '|'
                              ORDER BY weekday, starts_at)
            FROM group_schedule_slots WHERE group_id = $1
            """,
            [group]
        )
        return text.map { $0.split(separator: "|").map(String.init) } ?? []
    }
}
