import Foundation
import Postgres

extension WorkoutPlanner {
    enum EditOutcome: Sendable, Equatable {
        /// The workout now holding the edited dates (a new series after a split).
        case saved(workout: Int)
        case notFound
        /// Someone saved the workout since the form was loaded.
        case stale
        /// "This occurrence" of a started or completed date: its record is history.
        case started
        /// The edited rule produces no date on or after the split.
        case noOccurrence
    }

    /// Edits `workout` in `scope` from `date` (the occurrence the user opened; the first one when none). With "this
    /// occurrence", `movedTo` is the date it now takes place (nil or `date`: its own).
    ///
    /// Never rewritten: started and completed occurrences (their rows keep their own copies) and dates before today.
    /// "All" of a series that began before today, and "this and following" from a date before today, split at today.
    /// After a split the old series ends the day before (UNTIL), the new one starts on the first date its rule
    /// produces from there and, when both end by the same COUNT, gets the count the old one had left. Planned and
    /// cancelled occurrences from the split on follow the new series when it produces their date, and are dropped
    /// when it does not; excluded dates from the split on carry over.
    func edit(
        workout id: Int, with draft: WorkoutDraft, scope: WorkoutEditScope, date: CalendarDate?, version: Int,
        access: WorkoutAccess, movedTo: CalendarDate? = nil, now: Date = Date()
    ) async throws -> EditOutcome {
        let today = today(now: now)
        return try await database.transaction { connection in
            guard let workout = try await WorkoutStore.lock(id: id, access: access, on: connection), !workout.isArchived else { return .notFound }
            guard workout.version == version else { return .stale }
            switch scope {
            case .this:
                guard let date else { return .notFound }
                let hasRow = try await WorkoutOccurrenceStore.occurrenceID(workout: id, date: date, on: connection) != nil
                guard hasRow || workout.recurrence.occurs(on: date) else { return .notFound }
                return try await editOne(workout, on: date, with: draft, movedTo: movedTo, connection: connection)
            case .following, .all:
                let requested = scope == .all ? workout.recurrence.start : (date ?? workout.recurrence.start)
                let split = max(requested, today)
                if split <= workout.recurrence.start || !workout.isRecurring {
                    return try await replace(workout, with: draft, from: workout.recurrence.start, connection: connection)
                }
                return try await splitSeries(workout, at: split, with: draft, connection: connection)
            }
        }
    }

    /// The whole series replaced in place (it has no past): its start moves to the first date the new rule produces.
    private func replace(_ workout: Workout, with draft: WorkoutDraft, from start: CalendarDate, connection: PostgresConnection) async throws -> EditOutcome {
        var draft = draft
        draft.recurrence.start = max(draft.recurrence.start, start)
        guard let first = draft.recurrence.firstProduced else { return .noOccurrence }
        draft.recurrence.start = first
        try await WorkoutStore.update(workout.id, with: draft, on: connection)
        try await dropOrphans(of: workout.id, from: start, keepingDatesOf: draft.recurrence, connection: connection)
        return .saved(workout: workout.id)
    }

    private func splitSeries(_ workout: Workout, at split: CalendarDate, with draft: WorkoutDraft, connection: PostgresConnection) async throws -> EditOutcome {
        guard let oldRule = workout.recurrence.rule, let dayBefore = split.adding(days: -1) else { return .noOccurrence }
        var next = draft
        next.recurrence.start = max(draft.recurrence.start, split)
        if case .count(let oldCount) = oldRule.end, case .count(let newCount)? = next.recurrence.rule?.end, newCount == oldCount {
            let left = oldCount - workout.recurrence.producedCount(before: split)
            guard left > 0 else { return .noOccurrence }
            next.recurrence.rule?.end = .count(left)
        }
        next.recurrence.excluded = next.recurrence.excluded.union(workout.recurrence.excluded.filter { $0 >= split })
        guard let first = next.recurrence.firstProduced else { return .noOccurrence }
        next.recurrence.start = first

        var ended = workout.recurrence
        ended.rule?.end = .until(dayBefore)
        ended.excluded = ended.excluded.filter { $0 < split }
        try await WorkoutStore.updateRecurrence(workout.id, ended, on: connection)
        let newID = try await WorkoutStore.insert(next, owner: workout.ownerID, continues: workout.continuesID ?? workout.id, on: connection)
        // Planned and cancelled rows from the split on go with the new series when it has their date.
        let rows = try await WorkoutOccurrenceStore.occurrences(ofWorkouts: [workout.id], on: connection)
            .filter { $0.date >= split && ($0.status == .planned || $0.status == .cancelled) }
        try await WorkoutOccurrenceStore.move(rows.filter { next.recurrence.occurs(on: $0.date) }.map(\.id), to: newID, on: connection)
        try await WorkoutOccurrenceStore.delete(rows.filter { !next.recurrence.occurs(on: $0.date) }.map(\.id), on: connection)
        return .saved(workout: newID)
    }

    /// Planned and cancelled rows on dates `recurrence` no longer produces are dropped; started and completed ones stay.
    private func dropOrphans(of workout: Int, from start: CalendarDate, keepingDatesOf recurrence: WorkoutRecurrence, connection: PostgresConnection) async throws {
        let orphans = try await WorkoutOccurrenceStore.occurrences(ofWorkouts: [workout], on: connection)
            .filter { $0.date >= start && ($0.status == .planned || $0.status == .cancelled) && !recurrence.occurs(on: $0.date) }
        try await WorkoutOccurrenceStore.delete(orphans.map(\.id), on: connection)
    }

    /// "This occurrence": its child (created as planned when missing) takes the form's name, time and plan.
    private func editOne(
        _ workout: Workout, on date: CalendarDate, with draft: WorkoutDraft, movedTo: CalendarDate?, connection: PostgresConnection
    ) async throws -> EditOutcome {
        let child = try await WorkoutOccurrenceStore.upsert(workout: workout, date: date, status: .planned, replacing: [], now: Date(), on: connection)
        let status = try await WorkoutOccurrenceStore.status(of: child, on: connection)
        guard status == .planned || status == .cancelled else { return .started }
        try await WorkoutOccurrenceStore.replacePlan(of: child, with: draft, movedTo: movedTo, on: connection)
        return .saved(workout: workout.id)
    }
}
