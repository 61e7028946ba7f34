import Postgres

/// The workouts' SQL (parents and their plans): create, read within a user's reach, edit, archive or delete.
struct WorkoutStore: Sendable {
    let database: PostgresClient

    private static let columns = """
        SELECT w.id, w.owner_id, w.name, w.activity, w.starts_at, w.duration_minutes, w.start_date, w.rule,
               w.excluded_dates, w.continues_id, w.is_archived, w.version,
               coalesce((SELECT array_agg(concat_ws(chr(31), e.name, e.sets, coalesce(e.reps::text, ''), coalesce(e.weight_kg::float8::text, ''),
                                                    coalesce(e.duration_seconds::text, ''), e.rest_seconds)
                                          ORDER BY e.position)
                         FROM workout_exercises e WHERE e.workout_id = w.id), '{}') AS exercises
        FROM workouts w
        """

    private static let columnsWithoutPlans = """
        SELECT w.id, w.owner_id, w.name, w.activity, w.starts_at, w.duration_minutes, w.start_date, w.rule,
               w.excluded_dates, w.continues_id, w.is_archived, w.version, '{}'::text[] AS exercises
        FROM workouts w
        """

    /// The workout, if the user may see it.
    func workout(id: Int, access: WorkoutAccess, on connection: (any PostgresQueryable)? = nil) async throws -> Workout? {
        try await (connection ?? database).query(
            Self.columns + "\nWHERE w.id = $1 AND \(access.condition(owner: "w.owner_id", parameter: "$2"))",
            [id, access.ownerParameter]
        ).first.map(Self.decode)
    }

    /// The workout locked until the transaction ends (edits, deletion and starts take turns on it).
    static func lock(id: Int, access: WorkoutAccess, on connection: PostgresConnection) async throws -> Workout? {
        try await connection.query(
            columns + "\nWHERE w.id = $1 AND \(access.condition(owner: "w.owner_id", parameter: "$2"))\nFOR UPDATE OF w",
            [id, access.ownerParameter]
        ).first.map(decode)
    }

    /// The user's workouts (everyone's for administrators), archived ones only when asked, by name; without their
    /// plans (exercises) unless asked, which the calendar and the history's filter do not show.
    func workouts(access: WorkoutAccess, includingArchived: Bool = false, withPlans: Bool = true) async throws -> [Workout] {
        let statement = Self.workoutsStatement(access: access, includingArchived: includingArchived, withPlans: withPlans)
        return try await database.query(statement.sql, statement.parameters).map(Self.decode)
    }

    /// The statement of ``workouts(access:includingArchived:withPlans:)``, to run in a pipeline; its rows decode with ``decode(_:)``.
    static func workoutsStatement(access: WorkoutAccess, includingArchived: Bool, withPlans: Bool) -> PostgresStatement {
        PostgresStatement(
            (withPlans ? columns : columnsWithoutPlans) + """

            WHERE \(access.condition(owner: "w.owner_id", parameter: "$1")) AND ($2 OR NOT w.is_archived)
            ORDER BY w.name, w.id
            """,
            [access.ownerParameter, includingArchived]
        )
    }

    /// A workout as a filter offers it.
    struct Choice: Sendable {
        let id: Int
        let name: String
    }

    /// Every workout the user may see, archived ones too, by name as ``workoutsStatement(access:includingArchived:withPlans:)``
    /// orders them, but only their ids and names (the history's filter; a whole workout's rule and dates were a
    /// tenth of that page's time to decode); its rows decode with ``choice(_:)``.
    static func choicesStatement(access: WorkoutAccess) -> PostgresStatement {
        PostgresStatement(
            "SELECT w.id, w.name FROM workouts w WHERE \(access.condition(owner: "w.owner_id", parameter: "$1")) ORDER BY w.name, w.id",
            [access.ownerParameter]
        )
    }

    static func choice(_ row: PostgresRow) throws -> Choice {
        Choice(id: try row.decode(at: 0), name: try row.decode(at: 1))
    }

    /// Inserts a workout with its plan; its id.
    static func insert(_ draft: WorkoutDraft, owner: Int, continues: Int? = nil, on connection: PostgresConnection) async throws -> Int {
        let id: Int = try await connection.query(
            """
            INSERT INTO workouts (owner_id, name, activity, starts_at, duration_minutes, start_date, rule, excluded_dates, continues_id)
            VALUES ($1, $2, $3, $4::time, $5, $6::date, $7, $8::date[], $9)
            RETURNING id
            """,
            [owner, draft.name, draft.activity.rawValue, draft.startsAt.description, draft.durationMinutes, draft.recurrence.start,
             draft.recurrence.rule?.rfc5545, draft.recurrence.excluded.sorted(), continues]
        ).first!.decode("id")
        try await insertExercises(draft.exercises, workout: id, on: connection)
        return id
    }

    func create(_ draft: WorkoutDraft, owner: Int) async throws -> Int {
        try await database.transaction { connection in try await Self.insert(draft, owner: owner, on: connection) }
    }

    /// Replaces the workout's fields and plan, bumping its version.
    static func update(_ id: Int, with draft: WorkoutDraft, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            UPDATE workouts SET name = $2, activity = $3, starts_at = $4::time, duration_minutes = $5, start_date = $6::date,
                   rule = $7, excluded_dates = $8::date[], version = version + 1
            WHERE id = $1
            """,
            [id, draft.name, draft.activity.rawValue, draft.startsAt.description, draft.durationMinutes, draft.recurrence.start,
             draft.recurrence.rule?.rfc5545, draft.recurrence.excluded.sorted()]
        )
        try await connection.execute("DELETE FROM workout_exercises WHERE workout_id = $1", [id])
        try await insertExercises(draft.exercises, workout: id, on: connection)
    }

    /// Sets only the rule and exclusions (ending a series, excluding a date), bumping the version.
    static func updateRecurrence(_ id: Int, _ recurrence: WorkoutRecurrence, on connection: PostgresConnection) async throws {
        try await connection.execute(
            "UPDATE workouts SET start_date = $2::date, rule = $3, excluded_dates = $4::date[], version = version + 1 WHERE id = $1",
            [id, recurrence.start, recurrence.rule?.rfc5545, recurrence.excluded.sorted()]
        )
    }

    /// Inserts the plan in one statement, at positions 1…n in the order given.
    private static func insertExercises(_ exercises: [WorkoutExercise], workout: Int, on connection: PostgresConnection) async throws {
        guard !exercises.isEmpty else { return }
        try await connection.execute(
            """
            INSERT INTO workout_exercises (workout_id, position, name, sets, reps, weight_kg, duration_seconds, rest_seconds)
            SELECT $1, e.position, e.name, e.sets, e.reps, e.weight_kg::numeric, e.duration_seconds, e.rest_seconds
            FROM \(exerciseRows(parameter: "$2"))
            """,
            [workout, PostgresJSON(exercises, keys: .snakeCase)]
        )
    }

    /// The plan bound at `parameter` (`PostgresJSON(exercises, keys: .snakeCase)`) as the rows
    /// `e(name, sets, reps, weight_kg, duration_seconds, rest_seconds, position)`, their positions 1…n in the plan's order
    /// (`weight_kg` a float8, to be cast to numeric as a parameter would be).
    static func exerciseRows(parameter: String) -> String {
        """
        ROWS FROM (jsonb_to_recordset(\(parameter)::jsonb) AS (
            name text, sets int, reps int, weight_kg float8, duration_seconds int, rest_seconds int
        )) WITH ORDINALITY AS e(name, sets, reps, weight_kg, duration_seconds, rest_seconds, position)
        """
    }

    /// Deleting a recurrence: completed and in-progress occurrences stay in the history (the workout is archived),
    /// planned and cancelled ones go; a workout without any kept occurrence is deleted outright. True when archived.
    static func delete(_ id: Int, on connection: PostgresConnection) async throws -> Bool {
        try await connection.execute(
            "DELETE FROM workout_occurrences WHERE workout_id = $1 AND status IN ('planned', 'cancelled')", [id]
        )
        let kept: Int = try await connection.query(
            "SELECT count(*)::int AS kept FROM workout_occurrences WHERE workout_id = $1", [id]
        ).first!.decode("kept")
        if kept > 0 {
            try await connection.execute("UPDATE workouts SET is_archived = true, version = version + 1 WHERE id = $1", [id])
            return true
        }
        try await connection.execute("DELETE FROM workouts WHERE id = $1", [id])
        return false
    }

    /// A row of ``columns`` or ``columnsWithoutPlans`` (the same columns in the same order), read by position: a
    /// calendar decodes every workout of its user.
    static func decode(_ row: PostgresRow) throws -> Workout {
        let ruleText: String? = try row.decode(at: 7)
        var rule: RecurrenceRule?
        if let ruleText {
            do { rule = try StoredRuleCache.rule(ruleText) } catch { throw StoredRuleProblem(rule: ruleText, problem: error.message) }
        }
        let excluded: [CalendarDate] = try row.decode(at: 8)
        let packed: [String] = try row.decode(at: 12)
        return Workout(
            id: try row.decode(at: 0), ownerID: try row.decode(at: 1), name: try row.decode(at: 2),
            activity: Workout.Activity(rawValue: try row.decode(at: 3)) ?? .other, startsAt: try row.decode(at: 4),
            durationMinutes: try row.decode(at: 5),
            recurrence: WorkoutRecurrence(start: try row.decode(at: 6), rule: rule, excluded: Set(excluded)),
            continuesID: try row.decode(at: 9), isArchived: try row.decode(at: 10), version: try row.decode(at: 11),
            exercises: packed.map(Self.exercise(packed:))
        )
    }

    /// One exercise from `concat_ws(chr(31), …)` (empty fields are NULLs).
    private static func exercise(packed: String) -> WorkoutExercise {
        let fields = packed.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
        func field(_ index: Int) -> String? { index < fields.count && !fields[index].isEmpty ? fields[index] : nil }
        return WorkoutExercise(
            name: field(0) ?? "", sets: field(1).flatMap(Int.init) ?? 1, reps: field(2).flatMap(Int.init),
            weightKg: field(3).flatMap(Double.init), durationSeconds: field(4).flatMap(Int.init), restSeconds: field(5).flatMap(Int.init) ?? 0
        )
    }
}

/// A stored rule the engine no longer reads (never written by Palestra itself).
struct StoredRuleProblem: Error, CustomStringConvertible {
    let rule: String
    let problem: String
    var description: String { "stored workout rule \(rule): \(problem)" }
}

extension WorkoutStore {
    /// Owners' display names, for administrators' cards.
    func ownerNames(of owners: [Int]) async throws -> [Int: String] {
        var names: [Int: String] = [:]
        for row in try await database.query("SELECT id, display_name FROM users WHERE id = ANY ($1::bigint[])", [Array(Set(owners))]) {
            names[try row.decode("id")] = try row.decode("display_name")
        }
        return names
    }
}
