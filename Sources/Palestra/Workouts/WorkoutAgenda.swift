import Postgres

/// The occurrences of a range of dates as a calendar shows them: the rules expanded on the fly, each date's child
/// row (when one exists) in its place, and children the rules no longer produce (edited or deleted series) kept.
struct WorkoutAgenda: Sendable {
    struct Entry: Sendable, Hashable {
        enum State: String, Sendable, Hashable, CaseIterable {
            case planned, inProgress = "in-progress", completed, cancelled
            /// A planned date before today that was never started.
            case missed
        }

        let workoutID: Int
        let date: CalendarDate
        let name: String
        let startsAt: TimeOfDay
        let state: State
        let occurrenceID: Int?

        /// The child's tracking page once it exists, else the date's page.
        var url: String { occurrenceID.map(WorkoutURL.occurrence) ?? WorkoutURL.date(workoutID, date) }
    }

    /// One day of the range and its entries, by time, name and workout.
    struct Day: Sendable {
        let date: CalendarDate
        let entries: [Entry]
    }

    /// Every day `from` through `through`, in order.
    let days: [Day]

    /// The entries by date, time, name and workout.
    var entries: [Entry] { days.flatMap(\.entries) }

    init(workouts: [Workout], children: [WorkoutOccurrenceMark], from: CalendarDate, through: CalendarDate, today: CalendarDate) {
        // Each workout's dates meet its children in one walk, both in date order (a dictionary keyed by workout and
        // date hashed every one of a month's few hundred dates).
        let sorted = children.sorted { $0.workoutID != $1.workoutID ? $0.workoutID < $1.workoutID : $0.date < $1.date }
        var shown = [Bool](repeating: false, count: sorted.count)
        var entries: [Entry] = []
        for workout in workouts where !workout.isArchived {
            var index = Self.firstChild(of: workout.id, in: sorted)
            for date in workout.recurrence.occurrences(from: from, through: through) {
                while index < sorted.endIndex, sorted[index].workoutID == workout.id, sorted[index].date < date { index += 1 }
                if index < sorted.endIndex, sorted[index].workoutID == workout.id, sorted[index].date == date {
                    let child = sorted[index]
                    shown[index] = true
                    // A date moved out of the range is shown where it went.
                    if (from...through).contains(child.shownDate) { entries.append(Self.entry(child, today: today)) }
                } else {
                    entries.append(Entry(
                        workoutID: workout.id, date: date, name: workout.name, startsAt: workout.startsAt,
                        state: date < today ? .missed : .planned, occurrenceID: nil
                    ))
                }
            }
        }
        // Children moved into the range from a date the rule produces outside it; children whose date the rule no
        // longer produces: started or completed ones are history and stay shown.
        let producing = Dictionary(workouts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        entries += sorted.indices.lazy.filter { !shown[$0] }.map { sorted[$0] }.filter { child in
            guard (from...through).contains(child.shownDate) else { return false }
            if child.status == .completed || child.status == .inProgress { return true }
            guard child.movedTo != nil, let workout = producing[child.workoutID], !workout.isArchived else { return false }
            return workout.recurrence.occurs(on: child.date)
        }.map { Self.entry($0, today: today) }
        days = Self.byDay(entries, from: from, through: through)
    }

    /// Each day's entries by time, name and workout. The (time, name, workout) triples, about one per workout, are
    /// ranked once: a month's few hundred entries are put in order by one sort of integers, never by comparing names
    /// pair by pair. A workout's entries come one after another, so an entry's triple is almost always the previous
    /// one's; the few distinct ones are found without hashing names.
    private static func byDay(_ entries: [Entry], from: CalendarDate, through: CalendarDate) -> [Day] {
        var triples: [Triple] = []
        var slots: [Int] = []
        slots.reserveCapacity(entries.count)
        for entry in entries {
            let triple = Triple(workoutID: entry.workoutID, startsAt: entry.startsAt, name: entry.name)
            if let last = slots.last, triples[last] == triple {
                slots.append(last)
            } else if let slot = triples.firstIndex(of: triple) {
                slots.append(slot)
            } else {
                slots.append(triples.count)
                triples.append(triple)
            }
        }
        var rankOfSlot = [Int](repeating: 0, count: triples.count)
        for (rank, slot) in triples.indices.sorted(by: { triples[$0] < triples[$1] }).enumerated() { rankOfSlot[slot] = rank }
        // One integer per entry — its day, then its rank, then its place in `entries` (ties keep their order) — and one
        // sort of plain integers puts every entry in its day and its place there.
        let first = from.daysSinceEpoch
        let dayCount = max(0, through.daysSinceEpoch - first + 1)
        var keys: [Int] = []
        keys.reserveCapacity(entries.count)
        for (index, (entry, slot)) in zip(entries, slots).enumerated() {
            let day = entry.date.daysSinceEpoch - first
            guard (0..<dayCount).contains(day) else { continue }
            keys.append((day * triples.count + rankOfSlot[slot]) * entries.count + index)
        }
        keys.sort()
        var days: [Day] = []
        days.reserveCapacity(dayCount)
        var next = keys.startIndex
        for day in 0..<dayCount {
            guard let date = CalendarDate(daysSinceEpoch: first + day) else { continue }
            var shown: [Entry] = []
            while next < keys.endIndex, keys[next] / entries.count / triples.count == day {
                shown.append(entries[keys[next] % entries.count])
                next += 1
            }
            days.append(Day(date: date, entries: shown))
        }
        return days
    }

    /// Compared for equality workout first (names last, as they are dearest to compare); ordered by time, name, workout.
    private struct Triple: Equatable, Comparable {
        let workoutID: Int
        let startsAt: TimeOfDay
        let name: String

        static func < (lhs: Triple, rhs: Triple) -> Bool {
            (lhs.startsAt, lhs.name, lhs.workoutID) < (rhs.startsAt, rhs.name, rhs.workoutID)
        }
    }

    /// Where the children of `workout` start in `sorted` (by workout, then date): a binary search.
    private static func firstChild(of workout: Int, in sorted: [WorkoutOccurrenceMark]) -> Int {
        var low = sorted.startIndex, high = sorted.endIndex
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].workoutID < workout { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func entry(_ child: WorkoutOccurrenceMark, today: CalendarDate) -> Entry {
        let state: Entry.State = switch child.status {
        case .planned: child.shownDate < today ? .missed : .planned
        case .inProgress: .inProgress
        case .completed: .completed
        case .cancelled: .cancelled
        }
        return Entry(workoutID: child.workoutID, date: child.shownDate, name: child.name, startsAt: child.startsAt, state: state, occurrenceID: child.id)
    }
}
