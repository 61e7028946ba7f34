import Foundation
@testable import Palestra
import Postgres
import TestSupport

/// A coach and one training group with weekly slots in a test's database, and what its sessions look like.
struct TrainingFixture {
    /// A weekly slot: ISO weekday, `HH:MM`, minutes, place.
    struct Slot: Sendable, Hashable, CustomStringConvertible {
        var weekday: Int
        var start: String
        var minutes = 90
        var location = "Hall A"

        var description: String { "\(weekday)@\(start)" }
    }

    /// One session as the database holds it.
    struct Session: Sendable, Hashable {
        let id: Int
        /// `YYYY-MM-DD HH:MM`.
        let start: String
        let end: String
        let location: String
        let status: String
        let isClosed: Bool
        let origin: String
        let records: Int
    }

    static let zone = TimeZone(identifier: "Europe/Moscow")!

    let database: TestDatabase
    let coach: Int
    let group: Int

    static func make(in database: TestDatabase, name: String = "U-12 Football", slots: [Slot]) async throws -> TrainingFixture {
        let coach = try await TestUsers.create("coach-\(UUID().uuidString.prefix(8))@example.org", role: .coach, in: database)
        let group: Int = try await database.value(
            "INSERT INTO training_groups (name, coach_id) VALUES ($1, $2) RETURNING id::int", [name, coach]
        )
        let fixture = TrainingFixture(database: database, coach: coach, group: group)
        try await fixture.setSlots(slots)
        return fixture
    }

    /// Makes the group's slots these (straight in the database: the re-sync is run by the test). A slot
    /// on the same weekday and start as one before is the same row, changed in place, as the form does.
    func setSlots(_ slots: [Slot]) async throws {
        try await database.run(
            """
            DELETE FROM group_schedule_slots WHERE group_id = $1
            AND (weekday, starts_at) NOT IN (SELECT w, s::time FROM unnest($2::int[], $3::text[]) AS kept(w, s))
            """,
            [group, slots.map(\.weekday), slots.map(\.start)]
        )
        for slot in slots {
            try await database.run(
                """
                INSERT INTO group_schedule_slots (group_id, weekday, starts_at, duration_minutes, location) VALUES ($1, $2, $3::time, $4, $5)
                ON CONFLICT (group_id, weekday, starts_at) DO UPDATE SET duration_minutes = excluded.duration_minutes, location = excluded.location
                """,
                [group, slot.weekday, slot.start, slot.minutes, slot.location]
            )
        }
    }

    func sessions() async throws -> [Session] {
        try await database.withClient(maxConnections: 1) { client in
            try await client.query(
                """
                SELECT id, session_date::text || ' ' || to_char(starts_at, 'HH24:MI') AS start, to_char(ends_at, 'HH24:MI') AS ends,
                       location, status, is_closed, origin,
                       (SELECT count(*)::int FROM attendance_records a WHERE a.session_id = s.id) AS records
                FROM training_sessions s WHERE group_id = $1 ORDER BY session_date, starts_at
                """,
                [group]
            ).map { row in
                Session(
                    id: try row.decode("id"), start: try row.decode("start"), end: try row.decode("ends"),
                    location: try row.decode("location"), status: try row.decode("status"), isClosed: try row.decode("is_closed"),
                    origin: try row.decode("origin"), records: try row.decode("records")
                )
            }
        }
    }

    /// Gives the session starting at `start` (`YYYY-MM-DD HH:MM`) an attendance record.
    func addAttendance(at start: String) async throws {
        let athlete: Int = try await database.value(
            "INSERT INTO athletes (full_name, birth_date) VALUES ('Ivan Petrov', '2014-03-02') RETURNING id::int"
        )
        try await database.run(
            """
            INSERT INTO attendance_records (session_id, athlete_id, status)
            SELECT id, $2, 'present' FROM training_sessions WHERE group_id = $1 AND session_date + starts_at = $3::timestamp
            """,
            [group, athlete, start]
        )
    }

    func close(at start: String) async throws {
        try await database.run(
            "UPDATE training_sessions SET is_closed = true WHERE group_id = $1 AND session_date + starts_at = $2::timestamp", [group, start]
        )
    }

    func addManualSession(at start: String, minutes: Int = 60) async throws {
        try await database.run(
            """
            INSERT INTO training_sessions (group_id, session_date, starts_at, ends_at, origin)
            VALUES ($1, $2::timestamp::date, $2::timestamp::time, $2::timestamp::time + make_interval(mins => $3), 'manual')
            """,
            [group, start, minutes]
        )
    }

    /// The moment `YYYY-MM-DD HH:MM` on the organisation's clock.
    static func moment(_ local: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = local.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    /// What the slots give from just after `now` through `through`, as `YYYY-MM-DD HH:MM`: the oracle
    /// the re-sync's result is checked against, computed day by day here rather than in SQL.
    static func expectedStarts(_ slots: [Slot], after now: String, through: CalendarDate) -> Set<String> {
        let start = CalendarDate(String(now.prefix(10)))!
        var found: Set<String> = []
        var day = start
        while day <= through {
            for slot in slots where slot.weekday == day.weekday {
                let moment = "\(day) \(slot.start)"
                if moment > now { found.insert(moment) }
            }
            day = day.adding(days: 1)!
        }
        return found
    }
}
