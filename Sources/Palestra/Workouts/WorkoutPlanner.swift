import Foundation
import Postgres

/// What the workout pages do, each in one transaction holding the workout's row lock: start, cancel, track and
/// complete an occurrence, edit a workout in one of three scopes, delete it.
struct WorkoutPlanner: Sendable {
    enum StartOutcome: Sendable, Hashable {
        case started(occurrence: Int)
        /// No such workout within the user's reach, or a date its rule does not produce.
        case notFound
        /// Only today's and past occurrences can be started.
        case future
    }

    let store: WorkoutStore
    let timeZone: TimeZone

    var database: PostgresClient { store.database }
    var occurrences: WorkoutOccurrenceStore { WorkoutOccurrenceStore(database: database) }

    /// Today on the organisation's clock.
    func today(now: Date = Date()) -> CalendarDate { .today(in: timeZone, now: now) }

    /// Starts the occurrence of `workout` on `date`: creates its child (or takes the one a second click or tab
    /// created) and sets it in progress. A planned or cancelled child starts; a started or completed one is left as it is.
    func start(workout id: Int, on date: CalendarDate, access: WorkoutAccess, now: Date = Date()) async throws -> StartOutcome {
        let today = today(now: now)
        return try await database.transaction { connection in
            guard let workout = try await WorkoutStore.lock(id: id, access: access, on: connection) else { return .notFound }
            let existing = try await WorkoutOccurrenceStore.occurrenceID(workout: id, date: date, on: connection)
            guard existing != nil || (!workout.isArchived && workout.recurrence.occurs(on: date)) else { return .notFound }
            // A moved date can be started once the day it moved to has come.
            let moved = existing == nil ? nil : try await WorkoutOccurrenceStore.movedTo(workout: id, date: date, on: connection)
            guard (moved ?? date) <= today else { return .future }
            let child = try await WorkoutOccurrenceStore.upsert(
                workout: workout, date: date, status: .inProgress, replacing: [.planned, .cancelled], now: now, on: connection
            )
            return .started(occurrence: child)
        }
    }

    /// Cancels the occurrence of `workout` on `date` (a child with status cancelled). A started or completed one stays.
    /// False when the workout or the date is not the user's.
    func cancel(workout id: Int, on date: CalendarDate, access: WorkoutAccess) async throws -> Bool {
        try await database.transaction { connection in
            guard let workout = try await WorkoutStore.lock(id: id, access: access, on: connection), !workout.isArchived,
                  workout.recurrence.occurs(on: date)
            else { return false }
            _ = try await WorkoutOccurrenceStore.upsert(
                workout: workout, date: date, status: .cancelled, replacing: [.planned], now: Date(), on: connection
            )
            return true
        }
    }

    enum TrackOutcome: Sendable, Equatable {
        case saved, completed, notFound, stale, notInProgress
    }

    /// Saves the tracking page; with `complete`, ends that occurrence alone.
    func track(occurrence id: Int, _ tracking: WorkoutTracking, version: Int, complete: Bool, access: WorkoutAccess, now: Date = Date()) async throws -> TrackOutcome {
        try await database.transaction { connection in
            guard let occurrence = try await occurrences.occurrence(id: id, access: access, on: connection) else { return .notFound }
            guard try await WorkoutStore.lock(id: occurrence.workoutID, access: access, on: connection) != nil else { return .notFound }
            guard occurrence.status == .inProgress || (occurrence.status == .completed && !complete) else { return .notInProgress }
            guard try await WorkoutOccurrenceStore.saveTracking(tracking, occurrence: id, version: version, on: connection) else { return .stale }
            if complete {
                guard try await WorkoutOccurrenceStore.complete(occurrence: id, now: now, on: connection) else { return .notInProgress }
                return .completed
            }
            return .saved
        }
    }

    enum DeleteOutcome: Sendable, Equatable { case deleted, archived, notFound }

    /// Deletes a workout: completed and in-progress occurrences stay in the history (the workout is archived),
    /// planned and cancelled ones go.
    func delete(workout id: Int, access: WorkoutAccess) async throws -> DeleteOutcome {
        try await database.transaction { connection in
            guard try await WorkoutStore.lock(id: id, access: access, on: connection) != nil else { return .notFound }
            return try await WorkoutStore.delete(id, on: connection) ? .archived : .deleted
        }
    }
}
