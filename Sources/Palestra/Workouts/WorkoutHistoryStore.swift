import Postgres

/// The history's SQL: completed occurrences with their sets, totals per exercise and weekly volume, within a filter.
struct WorkoutHistoryStore: Sendable {
    let database: PostgresClient

    struct Filter: Sendable, Hashable {
        var workout: Int?
        var from: CalendarDate
        var through: CalendarDate
    }

    struct ExerciseTotal: Sendable, Hashable {
        let exercise: String
        let sets: Int
        let reps: Int
        let volume: Double
    }

    struct WeekVolume: Sendable, Hashable {
        let monday: CalendarDate
        let volume: Double
    }

    /// `$1` owner (NULL: everyone), `$2` workout (NULL: all), `$3`…`$4` the period. Conditions only for what is chosen,
    /// so each shape keeps its own cached plan.
    private static func scope(_ access: WorkoutAccess, _ filter: Filter) -> String {
        """
        o.status = 'completed' AND \(access.condition(owner: "w.owner_id", parameter: "$1"))
          AND \(filter.workout == nil ? "$2::bigint IS NULL" : "(o.workout_id = $2::bigint OR w.continues_id = $2::bigint)")
          AND o.occurrence_date BETWEEN $3::date AND $4::date
        """
    }

    /// The occurrence's sets by their primary key. `OFFSET 0` keeps the planner from flattening the subquery into a
    /// hash join over every set of every user (a sequential scan of `workout_sets`); a period's few thousand sets
    /// are read by index instead.
    private static let setsOf = "SELECT x.exercise, x.reps, x.weight_kg FROM workout_sets x WHERE x.occurrence_id = o.id OFFSET 0"

    private func parameters(_ access: WorkoutAccess, _ filter: Filter) -> [(any PostgresEncodable)?] {
        [access.ownerParameter, filter.workout, filter.from, filter.through]
    }

    /// What the history page reads, in one round trip: a page of completed occurrences (their sets follow in a
    /// second), the count of all of them, the totals per exercise, and `alongside` (the filter's workouts).
    struct Page {
        let entries: [WorkoutOccurrence]
        let count: Int
        let totals: [ExerciseTotal]
        let alongside: PostgresQueryResult
    }

    func page(access: WorkoutAccess, filter: Filter, limit: Int, offset: Int, alongside: PostgresStatement) async throws -> Page {
        let results = try await database.pipeline([
            completedStatement(access: access, filter: filter, limit: limit, offset: offset), countStatement(access: access, filter: filter),
            totalsStatement(access: access, filter: filter), alongside,
        ])
        return Page(
            entries: try await withSets(try results[0].map(WorkoutOccurrenceStore.decode)), count: try results[1][0].decode("n"),
            totals: try results[2].map(Self.total), alongside: results[3]
        )
    }

    /// Completed occurrences, newest first, at most `limit` after skipping `offset`, each with its sets.
    func completed(access: WorkoutAccess, filter: Filter, limit: Int, offset: Int = 0) async throws -> [WorkoutOccurrence] {
        let statement = completedStatement(access: access, filter: filter, limit: limit, offset: offset)
        return try await withSets(try await database.query(statement.sql, statement.parameters).map(WorkoutOccurrenceStore.decode))
    }

    private func completedStatement(access: WorkoutAccess, filter: Filter, limit: Int, offset: Int) -> PostgresStatement {
        PostgresStatement(
            """
            SELECT o.id, o.workout_id, w.owner_id, o.occurrence_date, o.status, o.name, o.activity, o.starts_at, o.duration_minutes,
                   o.started_at, o.ended_at, o.duration_seconds, o.notes, o.rating::int AS rating, o.difficulty::int AS difficulty, o.version, o.moved_to
            FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id
            WHERE \(Self.scope(access, filter))
            ORDER BY o.occurrence_date DESC, o.id DESC
            LIMIT \(limit) OFFSET \(offset)
            """,
            // The limit and the offset written into the statement (Swift integers; a statement per page, each prepared
            // once): as parameters they kept PostgreSQL from settling on the cached plan, so every request planned it.
            parameters(access, filter)
        )
    }

    private func withSets(_ occurrences: [WorkoutOccurrence]) async throws -> [WorkoutOccurrence] {
        guard !occurrences.isEmpty else { return [] }
        var rows = occurrences
        let sets = try await WorkoutOccurrenceStore.sets(of: rows.map(\.id), on: database)
        for index in rows.indices { rows[index].sets = sets[rows[index].id] ?? [] }
        return rows
    }

    /// An administrator's count over every workout reads only the history index (an index-only scan); the join to
    /// the workouts comes in only when the scope names an owner or a workout.
    private func countStatement(access: WorkoutAccess, filter: Filter) -> PostgresStatement {
        let join = access.seesEveryone && filter.workout == nil ? "" : " JOIN workouts w ON w.id = o.workout_id"
        return PostgresStatement(
            "SELECT count(*)::int AS n FROM workout_occurrences o\(join) WHERE \(Self.scope(access, filter))", parameters(access, filter)
        )
    }

    /// Sets, reps and volume (reps × kg) per exercise, by name. Without a workout chosen they come from the daily
    /// totals the database keeps (`workout_exercise_days`, a few rows a day); for one workout, from its sets.
    private func totalsStatement(access: WorkoutAccess, filter: Filter) -> PostgresStatement {
        if filter.workout == nil {
            PostgresStatement(
                """
                SELECT d.exercise, sum(d.sets)::int AS sets, sum(d.reps)::int AS reps, sum(d.volume)::float8 AS volume
                FROM workout_exercise_days d
                WHERE d.occurrence_date BETWEEN $2::date AND $3::date AND \(access.condition(owner: "d.owner_id", parameter: "$1"))
                GROUP BY d.exercise HAVING sum(d.sets) > 0 ORDER BY d.exercise
                """,
                [access.ownerParameter, filter.from, filter.through]
            )
        } else {
            PostgresStatement(
                """
                SELECT s.exercise, count(*)::int AS sets, coalesce(sum(s.reps), 0)::int AS reps,
                       coalesce(sum(s.reps * s.weight_kg), 0)::float8 AS volume
                FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id
                CROSS JOIN LATERAL (\(Self.setsOf)) s
                WHERE \(Self.scope(access, filter))
                GROUP BY s.exercise ORDER BY s.exercise
                """,
                parameters(access, filter)
            )
        }
    }

    private static func total(_ row: PostgresRow) throws -> ExerciseTotal {
        ExerciseTotal(exercise: try row.decode("exercise"), sets: try row.decode("sets"), reps: try row.decode("reps"), volume: try row.decode("volume"))
    }

    /// Volume per ISO week (Monday), oldest first; weeks without volume left out.
    func weeklyVolume(access: WorkoutAccess, filter: Filter) async throws -> [WeekVolume] {
        try await database.query(
            """
            SELECT date_trunc('week', o.occurrence_date)::date AS monday, coalesce(sum(s.reps * s.weight_kg), 0)::float8 AS volume
            FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id
            CROSS JOIN LATERAL (\(Self.setsOf)) s
            WHERE \(Self.scope(access, filter))
            GROUP BY 1 ORDER BY 1
            """,
            parameters(access, filter)
        ).map { WeekVolume(monday: try $0.decode("monday"), volume: try $0.decode("volume")) }
    }
}
