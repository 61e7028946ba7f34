import Foundation
import Postgres

/// The occurrences' SQL (children): start (idempotent), cancel, track, complete, and the rows a calendar,
/// list or history shows.
struct WorkoutOccurrenceStore: Sendable {
    let database: PostgresClient

    private static let columns = """
        SELECT o.id, o.workout_id, w.owner_id, o.occurrence_date, o.status, o.name, o.activity, o.starts_at, o.duration_minutes,
               o.started_at, o.ended_at, o.duration_seconds, o.notes, o.rating::int AS rating, o.difficulty::int AS difficulty, o.version,
               o.moved_to
        FROM workout_occurrences o
        JOIN workouts w ON w.id = o.workout_id
        """

    /// Creates the child of `workout` on `date` with `status`, copying the parent's name, time and plan (sets prefilled
    /// from the last completed time the owner did that exercise's set); when it exists, `status` replaces only the
    /// statuses in `replacing`. Concurrent calls meet on the unique (workout, date): one row, one set of sets. Its id.
    static func upsert(
        workout: Workout, date: CalendarDate, status: WorkoutOccurrence.Status, replacing: [WorkoutOccurrence.Status], now: Date,
        on connection: PostgresConnection
    ) async throws -> Int {
        let starts = status == .inProgress
        let id: Int = try await connection.query(
            """
            INSERT INTO workout_occurrences AS o (workout_id, occurrence_date, status, name, activity, starts_at, duration_minutes, started_at)
            SELECT w.id, $2::date, $3, w.name, w.activity, w.starts_at, w.duration_minutes, CASE WHEN $5 THEN $6::timestamptz END
            FROM workouts w WHERE w.id = $1
            ON CONFLICT ON CONSTRAINT workout_occurrences_date_key DO UPDATE
            SET status = CASE WHEN o.status = ANY ($4::text[]) THEN excluded.status ELSE o.status END,
                started_at = CASE WHEN o.status = ANY ($4::text[]) AND $5 THEN coalesce(o.started_at, excluded.started_at) ELSE o.started_at END,
                version = o.version + CASE WHEN o.status = ANY ($4::text[]) AND o.status <> excluded.status THEN 1 ELSE 0 END
            RETURNING o.id
            """,
            [workout.id, date, status.rawValue, replacing.map(\.rawValue), starts, now]
        ).first!.decode("id")
        try await connection.execute(
            """
            INSERT INTO workout_sets (occurrence_id, position, exercise, set_number, reps, weight_kg, duration_seconds)
            SELECT $1, row_number() OVER (ORDER BY e.position, n), e.name, n,
                   coalesce(last.reps, e.reps), coalesce(last.weight_kg, e.weight_kg), coalesce(last.duration_seconds, e.duration_seconds)
            FROM workout_exercises e
            CROSS JOIN generate_series(1, e.sets) AS n
            LEFT JOIN LATERAL (
                SELECT s.reps, s.weight_kg, s.duration_seconds
                FROM workout_sets s
                JOIN workout_occurrences p ON p.id = s.occurrence_id
                JOIN workouts pw ON pw.id = p.workout_id
                WHERE pw.owner_id = $3 AND p.status = 'completed' AND s.exercise = e.name AND s.set_number = n
                ORDER BY p.occurrence_date DESC, p.id DESC
                LIMIT 1
            ) last ON true
            WHERE e.workout_id = $2 AND NOT EXISTS (SELECT 1 FROM workout_sets x WHERE x.occurrence_id = $1)
            """,
            [id, workout.id, workout.ownerID]
        )
        return id
    }

    /// The occurrence with its sets, if the user may see it.
    func occurrence(id: Int, access: WorkoutAccess, on connection: (any PostgresQueryable)? = nil) async throws -> WorkoutOccurrence? {
        let db = connection ?? database
        guard var occurrence = try await db.query(
            Self.columns + "\nWHERE o.id = $1 AND \(access.condition(owner: "w.owner_id", parameter: "$2"))",
            [id, access.ownerParameter]
        ).first.map(Self.decode) else { return nil }
        occurrence.sets = try await Self.sets(of: [id], on: db)[id] ?? []
        return occurrence
    }

    /// The occurrence row of a workout's date, if one exists.
    static func occurrenceID(workout: Int, date: CalendarDate, on connection: any PostgresQueryable) async throws -> Int? {
        try await connection.query(
            "SELECT id FROM workout_occurrences WHERE workout_id = $1 AND occurrence_date = $2::date", [workout, date]
        ).first?.decode("id")
    }

    private static let markColumns = "SELECT o.id, o.workout_id, o.occurrence_date, o.status, o.name, o.starts_at, o.moved_to FROM workout_occurrences o"

    /// The marks of the children of the workouts `access` reaches (archived ones too: their completed children stay in
    /// the calendar) dated, or moved to a date, `from` through `through`.
    func marks(access: WorkoutAccess, from: CalendarDate, through: CalendarDate) async throws -> [WorkoutOccurrenceMark] {
        let statement = Self.marksStatement(access: access, from: from, through: through)
        return try await database.query(statement.sql, statement.parameters).map(Self.mark)
    }

    /// The statement of ``marks(access:from:through:)``, to run in a pipeline beside the workouts it needs no ids of:
    /// a range of the unique (workout, date) index per workout, then the few moved into the range (the partial
    /// (workout, moved_to) index). Its rows decode with ``marks(from:)``.
    static func marksStatement(access: WorkoutAccess, from: CalendarDate, through: CalendarDate) -> PostgresStatement {
        let reached = "ANY (ARRAY(SELECT w.id FROM workouts w WHERE \(access.condition(owner: "w.owner_id", parameter: "$1"))))"
        return PostgresStatement(
            markColumns + """

            WHERE o.workout_id = \(reached) AND o.occurrence_date BETWEEN $2::date AND $3::date
            UNION ALL
            \(markColumns)
            WHERE o.workout_id = \(reached) AND o.moved_to IS NOT NULL AND o.moved_to BETWEEN $2::date AND $3::date
              AND o.occurrence_date NOT BETWEEN $2::date AND $3::date
            """,
            [access.ownerParameter, from, through]
        )
    }

    static func marks(from result: PostgresQueryResult) throws -> [WorkoutOccurrenceMark] {
        try result.map(mark)
    }

    /// The completed and cancelled children of `workouts`, by workout and date (their adherence, streaks and next dates).
    static func outcomes(ofWorkouts ids: [Int], on connection: any PostgresQueryable) async throws -> [WorkoutOccurrenceOutcome] {
        try await connection.query(
            """
            SELECT workout_id, occurrence_date, status FROM workout_occurrences
            WHERE workout_id = ANY ($1::bigint[]) AND status IN ('completed', 'cancelled')
            ORDER BY workout_id, occurrence_date
            """,
            [ids]
        ).map { row in
            WorkoutOccurrenceOutcome(
                workoutID: try row.decode(at: 0), date: try row.decode(at: 1),
                status: WorkoutOccurrence.Status(rawValue: try row.decode(at: 2)) ?? .planned
            )
        }
    }

    /// Every child of `workouts`, whole, by date.
    static func occurrences(ofWorkouts ids: [Int], on connection: any PostgresQueryable) async throws -> [WorkoutOccurrence] {
        try await connection.query(
            columns + "\nWHERE o.workout_id = ANY ($1::bigint[])\nORDER BY o.occurrence_date, o.id", [ids]
        ).map(decode)
    }

    /// Saves what the tracking page sends: the sets (replacing them), notes, rating and difficulty, when the version
    /// is still `version`. False when someone saved in between (nothing changed).
    static func saveTracking(_ tracking: WorkoutTracking, occurrence: Int, version: Int, on connection: PostgresConnection) async throws -> Bool {
        let updated = try await connection.execute(
            """
            UPDATE workout_occurrences SET notes = $3, rating = $4, difficulty = $5, version = version + 1
            WHERE id = $1 AND version = $2
            """,
            [occurrence, version, tracking.notes, tracking.rating, tracking.difficulty]
        )
        guard updated == 1 else { return false }
        guard !tracking.sets.isEmpty else { return true }
        // One statement for every set; a position the occurrence lacks matches no row and changes nothing.
        try await connection.execute(
            """
            UPDATE workout_sets w SET reps = s.reps, weight_kg = s.weight_kg::numeric, duration_seconds = s.duration_seconds
            FROM jsonb_to_recordset($2::jsonb) AS s(position int, reps int, weight_kg float8, duration_seconds int)
            WHERE w.occurrence_id = $1 AND w.position = s.position
            """,
            [occurrence, PostgresJSON(tracking.sets, keys: .snakeCase)]
        )
        return true
    }

    /// Ends an in-progress occurrence as completed (its duration from its start). False when it is not in progress.
    static func complete(occurrence: Int, now: Date, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            """
            UPDATE workout_occurrences
            SET status = 'completed', ended_at = $2::timestamptz,
                duration_seconds = greatest(0, extract(epoch FROM $2::timestamptz - coalesce(started_at, $2::timestamptz)))::int,
                version = version + 1
            WHERE id = $1 AND status = 'in_progress'
            """,
            [occurrence, now]
        ) == 1
    }

    static func sets(of occurrences: [Int], on connection: any PostgresQueryable) async throws -> [Int: [WorkoutSet]] {
        try groupSets(try await connection.query(setsSQL(occurrences: "$1::bigint[]"), [occurrences])).sets
    }

    /// The sets of the occurrences whose ids `occurrences` (an SQL array expression) gives, for ``groupSets(_:)``: a
    /// row for each occurrence in the array's order, with no set (NULLs) when it has none, then one per set.
    static func setsSQL(occurrences: String) -> String {
        """
        SELECT c.id, s.position, s.exercise, s.set_number, s.reps, s.weight_kg::float8 AS weight_kg, s.duration_seconds
        FROM unnest(\(occurrences)) WITH ORDINALITY AS c(id, place)
        LEFT JOIN workout_sets s ON s.occurrence_id = c.id
        ORDER BY c.place, s.position
        """
    }

    /// ``setsSQL(occurrences:)``'s rows, read by position: the occurrences in the array's order, and each one's sets.
    static func groupSets(_ rows: PostgresQueryResult) throws -> (occurrences: [Int], sets: [Int: [WorkoutSet]]) {
        var occurrences: [Int] = []
        var grouped: [Int: [WorkoutSet]] = [:]
        for row in rows {
            let id: Int = try row.decode(at: 0)
            if occurrences.last != id { occurrences.append(id) }
            guard let position: Int = try row.decode(at: 1) else { continue }
            grouped[id, default: []].append(WorkoutSet(
                position: position, exercise: try row.decode(at: 2), setNumber: try row.decode(at: 3),
                reps: try row.decode(at: 4), weightKg: try row.decode(at: 5), durationSeconds: try row.decode(at: 6)
            ))
        }
        return (occurrences, grouped)
    }

    /// A row of `markColumns`, read by position.
    private static func mark(_ row: PostgresRow) throws -> WorkoutOccurrenceMark {
        WorkoutOccurrenceMark(
            id: try row.decode(at: 0), workoutID: try row.decode(at: 1), date: try row.decode(at: 2),
            status: WorkoutOccurrence.Status(rawValue: try row.decode(at: 3)) ?? .planned, name: try row.decode(at: 4),
            startsAt: try row.decode(at: 5), movedTo: try row.decode(at: 6)
        )
    }

    static func decode(_ row: PostgresRow) throws -> WorkoutOccurrence {
        WorkoutOccurrence(
            id: try row.decode("id"), workoutID: try row.decode("workout_id"), ownerID: try row.decode("owner_id"),
            date: try row.decode("occurrence_date"), status: WorkoutOccurrence.Status(rawValue: try row.decode("status")) ?? .planned,
            name: try row.decode("name"), activity: Workout.Activity(rawValue: try row.decode("activity")) ?? .other,
            startsAt: try row.decode("starts_at"), durationMinutes: try row.decode("duration_minutes"),
            startedAt: try row.decode("started_at"), endedAt: try row.decode("ended_at"), durationSeconds: try row.decode("duration_seconds"),
            notes: try row.decode("notes"), rating: try row.decode("rating"), difficulty: try row.decode("difficulty"),
            version: try row.decode("version"), sets: [], movedTo: try row.decode("moved_to")
        )
    }
}
