import Postgres

/// A workout's record so far, for its card on the workouts list.
///
/// - Due: the dates its rule produced (exclusions removed) before today, plus today's once completed, plus any
///   completed date the rule no longer produces (edited series); cancelled dates are not due.
/// - Adherence: completed due dates ÷ due dates (none due: no figure).
/// - Streak: how many due dates in a row were completed, counting back from the latest due one (0 when the latest
///   was missed).
struct WorkoutAdherence: Sendable, Hashable {
    let due: Int
    let completed: Int
    let streak: Int
    let next: CalendarDate?

    /// Whole percent, rounded down; `nil` when nothing was due yet.
    var percent: Int? { due == 0 ? nil : completed * 100 / due }

    init(workout: Workout, children: [WorkoutOccurrenceMark], today: CalendarDate) {
        let statuses = Dictionary(children.map { ($0.date, $0.status) }, uniquingKeysWith: { first, _ in first })
        var dates = Set(workout.recurrence.occurrences(from: workout.recurrence.start, through: today))
        dates.formUnion(children.filter { $0.status == .completed && $0.date <= today }.map(\.date))
        let due = dates.filter { date in
            switch statuses[date] {
            case .cancelled: false
            case .completed: true
            default: date < today
            }
        }.sorted()
        self.due = due.count
        completed = due.count { statuses[$0] == .completed }
        streak = due.reversed().prefix { statuses[$0] == .completed }.count
        if workout.isArchived {
            next = nil
        } else {
            var candidate = workout.recurrence.nextOccurrence(onOrAfter: today)
            // A date already completed or cancelled is not "next": look past it.
            while let date = candidate, let status = statuses[date], status == .completed || status == .cancelled {
                candidate = date.adding(days: 1).flatMap { workout.recurrence.nextOccurrence(onOrAfter: $0) }
            }
            next = candidate
        }
    }
}
