import Postgres

extension WorkoutOccurrenceStore {
    /// Moves planned or cancelled rows to the series that continues their workout, in one statement.
    static func move(_ occurrences: [Int], to workout: Int, on connection: PostgresConnection) async throws {
        guard !occurrences.isEmpty else { return }
        try await connection.execute(
            "UPDATE workout_occurrences SET workout_id = $2, version = version + 1 WHERE id = ANY ($1::bigint[])", [occurrences, workout]
        )
    }

    /// Where the workout's date was moved ("this date only"), if it was.
    static func movedTo(workout: Int, date: CalendarDate, on connection: any PostgresQueryable) async throws -> CalendarDate? {
        try await connection.query(
            "SELECT moved_to FROM workout_occurrences WHERE workout_id = $1 AND occurrence_date = $2::date", [workout, date]
        ).first?.decode("moved_to")
    }

    /// Deletes the rows (their sets with them), in one statement.
    static func delete(_ occurrences: [Int], on connection: PostgresConnection) async throws {
        guard !occurrences.isEmpty else { return }
        try await connection.execute("DELETE FROM workout_occurrences WHERE id = ANY ($1::bigint[])", [occurrences])
    }

    static func status(of occurrence: Int, on connection: PostgresConnection) async throws -> WorkoutOccurrence.Status? {
        try await connection.query("SELECT status FROM workout_occurrences WHERE id = $1", [occurrence]).first
            .flatMap { WorkoutOccurrence.Status(rawValue: try $0.decode("status")) }
    }

    /// "This occurrence" edited: the row takes the draft's name, activity, time and plan (its sets rebuilt from it),
    /// and takes place on `movedTo` (its own date when `movedTo` is that date or nil).
    static func replacePlan(of occurrence: Int, with draft: WorkoutDraft, movedTo: CalendarDate?, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE workout_occurrences SET name = $2, activity = $3, starts_at = $4::time, duration_minutes = $5,
                   moved_to = nullif($6::date, occurrence_date), version = version + 1
            WHERE id = $1
            """,
            [occurrence, draft.name, draft.activity.rawValue, draft.startsAt.description, draft.durationMinutes, movedTo]
        )
        try await connection.execute("DELETE FROM workout_sets WHERE occurrence_id = $1", [occurrence])
        guard !draft.exercises.isEmpty else { return }
        try await connection.execute(
            """
            INSERT INTO workout_sets (occurrence_id, position, exercise, set_number, reps, weight_kg, duration_seconds)
            SELECT $1, row_number() OVER (ORDER BY e.position, n), e.name, n, e.reps, e.weight_kg::numeric, e.duration_seconds
            FROM \(WorkoutStore.exerciseRows(parameter: "$2"))
            CROSS JOIN generate_series(1, e.sets) AS n
            """,
            [occurrence, PostgresJSON(draft.exercises, keys: .snakeCase)]
        )
    }
}
