import Postgres

/// A workout (the parent): its owner, plan and recurrence. Its occurrences are expanded from the rule on the fly;
/// a ``WorkoutOccurrence`` row exists only for a date that was started, edited or cancelled.
struct Workout: Sendable, Hashable {
    enum Activity: String, Sendable, Hashable, CaseIterable {
        case strength, running, cycling, swimming, yoga, other
    }

    let id: Int
    let ownerID: Int
    var name: String
    var activity: Activity
    var startsAt: TimeOfDay
    var durationMinutes: Int
    var recurrence: WorkoutRecurrence
    /// The series this one continues after a "this and following" edit.
    var continuesID: Int?
    var isArchived: Bool
    var version: Int
    var exercises: [WorkoutExercise]

    /// A one-off workout has no rule.
    var isRecurring: Bool { recurrence.rule != nil }
}

/// One exercise of a workout's plan, in order. Encodable: the store binds a plan as `jsonb` rows.
struct WorkoutExercise: Sendable, Hashable, Encodable {
    var name: String
    var sets: Int
    var reps: Int?
    var weightKg: Double?
    var durationSeconds: Int?
    var restSeconds: Int
}
