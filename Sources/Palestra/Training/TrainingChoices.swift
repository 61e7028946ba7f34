import Postgres

/// Choices and lookups the training resources share.
enum TrainingChoices {
    /// ISO weekdays, 1 = Monday … 7 = Sunday.
    static let weekdays = [
        AdminChoice("1", "Monday"), AdminChoice("2", "Tuesday"), AdminChoice("3", "Wednesday"), AdminChoice("4", "Thursday"),
        AdminChoice("5", "Friday"), AdminChoice("6", "Saturday"), AdminChoice("7", "Sunday"),
    ]

    /// A session's status by its label, as the journal and the coach's sessions show it.
    static let sessionStatuses = [AdminChoice("planned", "Planned"), AdminChoice("held", "Held"), AdminChoice("cancelled", "Cancelled")]

    /// Groups; filters offer those within the user's reach (``TrainingGroupAccess``): a coach's own.
    static let groups = AdminLookup(
        table: "training_groups", labelExpression: "name",
        filterScope: { TrainingGroupAccess(user: $0).adminScope(groupID: "id") }
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
