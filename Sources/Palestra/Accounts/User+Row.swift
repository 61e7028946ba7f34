import Postgres

extension User {
    /// A user from a row with the columns `id`, `email`, `display_name`, `role` and `language`.
    init(row: PostgresRow) throws {
        self.init(
            id: try row.decode("id"),
            email: try row.decode("email"),
            displayName: try row.decode("display_name"),
            role: Role(rawValue: try row.decode("role")) ?? .student,
            language: try row.decode("language", as: String?.self).flatMap(Language.init(rawValue:))
        )
    }
}
