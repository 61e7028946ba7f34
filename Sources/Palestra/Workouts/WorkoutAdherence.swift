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

    /// `outcomes`: the workout's completed and cancelled children (planned and in-progress ones count as none).
    init(workout: Workout, outcomes: [WorkoutOccurrenceOutcome], today: CalendarDate) {
        // One walk along the rule's dates and the outcomes, both in date order: five years of a daily workout are
        // ~1,800 dates, and a set and a dictionary of them were most of the workouts list's time.
        let marks = outcomes.sorted { $0.date < $1.date }
        var due = 0, completed = 0, streak = 0
        func tally(_ status: WorkoutOccurrence.Status?, on date: CalendarDate) {
            let isDue = switch status {
            case .cancelled: false
            case .completed: true
            default: date < today
            }
            guard isDue else { return }
            due += 1
            if status == .completed {
                completed += 1
                streak += 1
            } else {
                streak = 0
            }
        }
        var produced = workout.recurrence.occurrences(from: workout.recurrence.start, through: today).makeIterator()
        var nextProduced = produced.next()
        var markIndex = marks.startIndex
        while nextProduced != nil || markIndex < marks.endIndex {
            let mark = markIndex < marks.endIndex ? marks[markIndex] : nil
            // The status of a date is its first child's; further children of that date are passed over.
            let date = if let producedDate = nextProduced, mark.map({ producedDate <= $0.date }) ?? true { producedDate } else { mark!.date }
            let status = mark?.date == date ? mark?.status : nil
            while markIndex < marks.endIndex, marks[markIndex].date == date { markIndex += 1 }
            if date == nextProduced {
                tally(status, on: date)
                nextProduced = produced.next()
            } else if status == .completed, date <= today {
                // A completed date the rule no longer produces (an edited series) still counts.
                tally(status, on: date)
            }
        }
        self.due = due
        self.completed = completed
        self.streak = streak
        let statuses = Dictionary(marks.lazy.filter { $0.date >= today }.map { ($0.date, $0.status) }, uniquingKeysWith: { first, _ in first })
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
