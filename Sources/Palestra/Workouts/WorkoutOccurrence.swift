import Foundation
import Postgres

/// One occurrence of a workout (the child), once it was started, edited or cancelled. It keeps its own copy of the
/// parent's name, activity, time and plan (its sets), so editing or archiving the parent never rewrites it.
struct WorkoutOccurrence: Sendable, Hashable {
    enum Status: String, Sendable, Hashable, CaseIterable {
        case planned
        case inProgress = "in_progress"
        case completed, cancelled
    }

    let id: Int
    let workoutID: Int
    let ownerID: Int
    let date: CalendarDate
    var status: Status
    var name: String
    var activity: Workout.Activity
    var startsAt: TimeOfDay
    var durationMinutes: Int
    var startedAt: Date?
    var endedAt: Date?
    var durationSeconds: Int?
    var notes: String
    var rating: Int?
    var difficulty: Int?
    var version: Int
    var sets: [WorkoutSet]
    /// The date "this date only" moved it to; `date` stays its identity (the RECURRENCE-ID).
    var movedTo: CalendarDate? = nil

    /// The date it takes place: where it was moved, else its own.
    var shownDate: CalendarDate { movedTo ?? date }
}

/// What the calendar reads of a child: its date, status, name and time, not its sets, notes or timings.
struct WorkoutOccurrenceMark: Sendable, Hashable {
    let id: Int
    let workoutID: Int
    let date: CalendarDate
    let status: WorkoutOccurrence.Status
    let name: String
    let startsAt: TimeOfDay
    let movedTo: CalendarDate?

    /// The date it takes place: where it was moved, else its own.
    var shownDate: CalendarDate { movedTo ?? date }
}

/// A child that ended, completed or cancelled, by its date: all the workouts list's adherence, streak and next date
/// need of it (a planned or in-progress child counts as no child there).
struct WorkoutOccurrenceOutcome: Sendable, Hashable {
    let workoutID: Int
    let date: CalendarDate
    let status: WorkoutOccurrence.Status
}

/// A set as performed: copied from the plan (or the last time that exercise was done) at start, then edited.
/// Encodable: the store binds tracked sets as `jsonb` rows.
struct WorkoutSet: Sendable, Hashable, Encodable {
    var position: Int
    var exercise: String
    var setNumber: Int
    var reps: Int?
    var weightKg: Double?
    var durationSeconds: Int?

    /// Reps × weight, the set's volume in kilograms (0 without both).
    var volume: Double { Double(reps ?? 0) * (weightKg ?? 0) }
}
