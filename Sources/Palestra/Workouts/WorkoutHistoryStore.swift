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

    /// The filter as a statement's conditions and parameters: only what is chosen is a condition — the owner
    /// (`$1`) unless the user sees everyone, the workout (the next parameter) when one is chosen — and the period is
    /// written into the statement as two date literals. With the period as parameters PostgreSQL's generic plan
    /// guessed a range's rows and came out dearer than the plans made for the values, so it planned the page's
    /// statement again on every request (0.18 ms of the page's 0.8 ms in PostgreSQL); written in, each period (a
    /// user's changes once a day) is planned once per connection and the plan kept.
    private struct Scope {
        var conditions: String
        var parameters: [(any PostgresEncodable)?] = []

        init(_ access: WorkoutAccess, _ filter: Filter, owner ownerColumn: String = "w.owner_id", date dateColumn: String = "o.occurrence_date",
             workout: Bool = true) {
            conditions = "\(dateColumn) BETWEEN \(filter.from.sqlLiteral) AND \(filter.through.sqlLiteral)"
            if let owner = access.ownerParameter {
                parameters.append(owner)
                conditions += " AND \(ownerColumn) = $\(parameters.count)::bigint"
            }
            if workout, let chosen = filter.workout {
                parameters.append(chosen)
                conditions += " AND (o.workout_id = $\(parameters.count)::bigint OR w.continues_id = $\(parameters.count)::bigint)"
            }
        }
    }

    /// Completed occurrences within the filter.
    private static func scope(_ access: WorkoutAccess, _ filter: Filter) -> Scope {
        var scope = Scope(access, filter)
        scope.conditions = "o.status = 'completed' AND " + scope.conditions
        return scope
    }

    /// The occurrence's sets by their primary key. `OFFSET 0` keeps the planner from flattening the subquery into a
    /// hash join over every set of every user (a sequential scan of `workout_sets`); a period's few thousand sets
    /// are read by index instead.
    private static let setsOf = "SELECT x.exercise, x.reps, x.weight_kg FROM workout_sets x WHERE x.occurrence_id = o.id OFFSET 0"

    /// What the history page reads, in one round trip: a page of completed occurrences with their sets, the count of
    /// all of them, the totals per exercise, and `alongside` (the filter's workouts).
    struct Page {
        let entries: [WorkoutOccurrence]
        let count: Int
        let totals: [ExerciseTotal]
        let alongside: PostgresQueryResult
    }

    func page(access: WorkoutAccess, filter: Filter, limit: Int, offset: Int, alongside: PostgresStatement) async throws -> Page {
        let page = completedStatement(access: access, filter: filter, limit: limit, offset: offset)
        // The page's sets chosen by the page's own statement again (its ids, `ARRAY(…)`: 20 entries of an index),
        // so they come in the same round trip rather than a second one after the page.
        let sets = PostgresStatement(
            WorkoutOccurrenceStore.setsSQL(occurrences: "ARRAY(SELECT id FROM (\(page.sql)) AS page)"), page.parameters, planning: page.planning
        )
        let results = try await database.pipeline([
            page, sets, countStatement(access: access, filter: filter), totalsStatement(access: access, filter: filter), alongside,
        ])
        let entries = try results[0].map(WorkoutOccurrenceStore.decode)
        let read = try WorkoutOccurrenceStore.groupSets(results[1])
        // Each statement reads its own snapshot: an occurrence completed or reopened between the two moves the page,
        // and then the sets are read again for the page as it was read.
        return Page(
            entries: read.occurrences == entries.map(\.id) ? Self.filled(entries, with: read.sets) : try await withSets(entries),
            count: try results[2][0].decode("n"), totals: try results[3].map(Self.total), alongside: results[4]
        )
    }

    /// Completed occurrences, newest first, at most `limit` after skipping `offset`, each with its sets.
    func completed(access: WorkoutAccess, filter: Filter, limit: Int, offset: Int = 0) async throws -> [WorkoutOccurrence] {
        let statement = completedStatement(access: access, filter: filter, limit: limit, offset: offset)
        let rows = try await database.query(statement.sql, statement.parameters, planning: statement.planning)
        return try await withSets(try rows.map(WorkoutOccurrenceStore.decode))
    }

    private func completedStatement(access: WorkoutAccess, filter: Filter, limit: Int, offset: Int) -> PostgresStatement {
        let scope = Self.scope(access, filter)
        return PostgresStatement(
            """
            SELECT o.id, o.workout_id, w.owner_id, o.occurrence_date, o.status, o.name, o.activity, o.starts_at, o.duration_minutes,
                   o.started_at, o.ended_at, o.duration_seconds, o.notes, o.rating::int AS rating, o.difficulty::int AS difficulty, o.version, o.moved_to
            FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id
            WHERE \(scope.conditions)
            ORDER BY o.occurrence_date DESC, o.id DESC
            LIMIT \(limit) OFFSET \(offset)
            """,
            // The limit and the offset written into the statement (Swift integers): as parameters they kept PostgreSQL
            // from settling on the cached plan, so every request planned it.
            scope.parameters, planning: .page(offset: offset)
        )
    }

    private func withSets(_ occurrences: [WorkoutOccurrence]) async throws -> [WorkoutOccurrence] {
        guard !occurrences.isEmpty else { return [] }
        return Self.filled(occurrences, with: try await WorkoutOccurrenceStore.sets(of: occurrences.map(\.id), on: database))
    }

    private static func filled(_ occurrences: [WorkoutOccurrence], with sets: [Int: [WorkoutSet]]) -> [WorkoutOccurrence] {
        var rows = occurrences
        for index in rows.indices { rows[index].sets = sets[rows[index].id] ?? [] }
        return rows
    }

    /// An administrator's count over every workout reads only the history index (an index-only scan); the join to
    /// the workouts comes in only when the scope names an owner or a workout.
    private func countStatement(access: WorkoutAccess, filter: Filter) -> PostgresStatement {
        let join = access.seesEveryone && filter.workout == nil ? "" : " JOIN workouts w ON w.id = o.workout_id"
        let scope = Self.scope(access, filter)
        return PostgresStatement("SELECT count(*)::int AS n FROM workout_occurrences o\(join) WHERE \(scope.conditions)", scope.parameters)
    }

    /// Sets, reps and volume (reps × kg) per exercise, by name. Without a workout chosen they come from the daily
    /// totals the database keeps (`workout_exercise_days`, a few rows a day); for one workout, from its sets.
    private func totalsStatement(access: WorkoutAccess, filter: Filter) -> PostgresStatement {
        if filter.workout == nil {
            let scope = Scope(access, filter, owner: "d.owner_id", date: "d.occurrence_date", workout: false)
            return PostgresStatement(
                """
                SELECT d.exercise, sum(d.sets)::int AS sets, sum(d.reps)::int AS reps, sum(d.volume)::float8 AS volume
                FROM workout_exercise_days d
                WHERE \(scope.conditions)
                GROUP BY d.exercise HAVING sum(d.sets) > 0 ORDER BY d.exercise
                """,
                scope.parameters
            )
        } else {
            let scope = Self.scope(access, filter)
            return PostgresStatement(
                """
                SELECT s.exercise, count(*)::int AS sets, coalesce(sum(s.reps), 0)::int AS reps,
                       coalesce(sum(s.reps * s.weight_kg), 0)::float8 AS volume
                FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id
                CROSS JOIN LATERAL (\(Self.setsOf)) s
                WHERE \(scope.conditions)
                GROUP BY s.exercise ORDER BY s.exercise
                """,
                scope.parameters
            )
        }
    }

    private static func total(_ row: PostgresRow) throws -> ExerciseTotal {
        ExerciseTotal(exercise: try row.decode("exercise"), sets: try row.decode("sets"), reps: try row.decode("reps"), volume: try row.decode("volume"))
    }

    /// Volume per ISO week (Monday), oldest first; weeks without volume left out.
    func weeklyVolume(access: WorkoutAccess, filter: Filter) async throws -> [WeekVolume] {
        let scope = Self.scope(access, filter)
        return try await database.query(
            """
            SELECT date_trunc('week', o.occurrence_date)::date AS monday, coalesce(sum(s.reps * s.weight_kg), 0)::float8 AS volume
            FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id
            CROSS JOIN LATERAL (\(Self.setsOf)) s
            WHERE \(scope.conditions)
            GROUP BY 1 ORDER BY 1
            """,
            scope.parameters
        ).map { WeekVolume(monday: try $0.decode("monday"), volume: try $0.decode("volume")) }
    }
}
