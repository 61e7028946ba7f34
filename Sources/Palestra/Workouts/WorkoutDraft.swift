import Postgres

/// A workout as the form (or the demo data) gives it, already checked: what ``WorkoutStore`` saves.
struct WorkoutDraft: Sendable, Hashable {
    var name: String
    var activity: Workout.Activity
    var startsAt: TimeOfDay
    var durationMinutes: Int
    var recurrence: WorkoutRecurrence
    var exercises: [WorkoutExercise]

    init(name: String, activity: Workout.Activity, startsAt: TimeOfDay, durationMinutes: Int, recurrence: WorkoutRecurrence, exercises: [WorkoutExercise]) {
        self.name = name
        self.activity = activity
        self.startsAt = startsAt
        self.durationMinutes = durationMinutes
        self.recurrence = recurrence
        self.exercises = exercises
    }

    init(_ workout: Workout) {
        self.init(
            name: workout.name, activity: workout.activity, startsAt: workout.startsAt, durationMinutes: workout.durationMinutes,
            recurrence: workout.recurrence, exercises: workout.exercises
        )
    }
}
