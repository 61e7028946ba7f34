import Postgres

/// What a lesson's form offers and accepts: teachers (active coaches and administrators), rooms (not
/// archived) and students (active students).
enum LessonChoiceStore {
    struct Choice: Sendable, Equatable {
        let id: Int
        let name: String
    }

    /// A message per field naming a teacher, room or student that is not one to choose; `nil` when all are.
    static func refusedChoices(_ plan: LessonPlan, on connection: any PostgresQueryable) async throws -> LessonFieldErrors? {
        let row = try await connection.query(
            """
            SELECT EXISTS (SELECT 1 FROM users WHERE id = $1 AND role IN ('coach', 'admin') AND is_active) AS teacher_ok,
                   ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM rooms WHERE id = $2 AND NOT is_archived)) AS room_ok,
                   (SELECT count(*) FROM users WHERE id = ANY($3) AND role = 'student' AND is_active) = cardinality($3) AS students_ok
            """,
            [plan.teacherID, plan.roomID, plan.studentIDs]
        )[0]
        var errors = LessonFieldErrors()
        if !(try row.decode("teacher_ok", as: Bool.self)) { errors["teacher"] = CatalogKey.t("Choose a teacher from the list: a coach or an administrator.") }
        if !(try row.decode("room_ok", as: Bool.self)) { errors["room"] = CatalogKey.t("Choose a room from the list.") }
        if !(try row.decode("students_ok", as: Bool.self)) { errors["students"] = CatalogKey.t("Choose students from the list.") }
        return errors.isEmpty ? nil : errors
    }

    static func teachers(on database: any PostgresQueryable) async throws -> [Choice] {
        try await database.query("SELECT id, display_name FROM users WHERE role IN ('coach', 'admin') AND is_active ORDER BY display_name, id")
            .map { Choice(id: try $0.decode("id"), name: try $0.decode("display_name")) }
    }

    static func rooms(on database: any PostgresQueryable) async throws -> [Choice] {
        try await database.query("SELECT id, name FROM rooms WHERE NOT is_archived ORDER BY name, id")
            .map { Choice(id: try $0.decode("id"), name: try $0.decode("name")) }
    }

    /// Active students whose name or email contains `search` (all when empty), and those in `chosen`, by name; at most 200 more.
    static func students(matching search: String, chosen: [Int], on database: any PostgresQueryable) async throws -> [Choice] {
        try await database.query(
            """
            SELECT id, display_name FROM users
            WHERE role = 'student' AND is_active AND (id = ANY($2) OR $1 = '' OR strpos(lower(display_name), lower($1)) > 0 OR strpos(lower(email::text), lower($1)) > 0)
            ORDER BY (id = ANY($2)) DESC, display_name, id LIMIT 200 + cardinality($2)
            """,
            [search, chosen]
        ).map { Choice(id: try $0.decode("id"), name: try $0.decode("display_name")) }
    }
}
