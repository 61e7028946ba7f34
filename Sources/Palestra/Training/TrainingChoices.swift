import Postgres

/// Choices and lookups the training resources share.
enum TrainingChoices {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    static let weekdays = [
        AdminChoice("1", "Monday"), AdminChoice("2", "Tuesday"), AdminChoice("3", "Wednesday"), AdminChoice("4", "Thursday"),
        AdminChoice("5", "Friday"), AdminChoice("6", "Saturday"), AdminChoice("7", "Sunday"),
    ]

    static let sessionStatuses = [AdminChoice("planned", "planned"), AdminChoice("held", "held"), AdminChoice("cancelled", "cancelled")]

    /// Groups; a coach filters lists by their own only.
    static let groups = AdminLookup(
        table: "training_groups", labelExpression: "name",
        filterScope: { user in user.role == .admin ? .all : .rows("coach_id = {user}") }
    )
    static let coaches = AdminLookup(table: "users", labelExpression: "display_name", condition: "role = 'coach'")
    static let activeCoaches = AdminLookup(table: "users", labelExpression: "display_name", condition: "role = 'coach' AND is_active")
    static let students = AdminLookup(table: "users", labelExpression: "display_name || ' (' || email || ')'", condition: "role = 'student'")

    /// A `HH:MM` time and a number of minutes that end on the same day, or `nil` when either is malformed.
    static func endsBeforeMidnight(start: String?, minutes: String?) -> Bool? {
        guard let start, let time = TimeOfDay(start), let minutes = minutes.flatMap(Int.init) else { return nil }
        return time.hour * 60 + time.minute + minutes < 24 * 60
    }
}
