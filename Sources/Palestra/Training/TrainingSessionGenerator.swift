import Foundation
import Postgres

/// Generates training sessions from the groups' weekly slots, re-syncs them after a schedule change and
/// cleans up old placeholders. Each operation on a group runs in one transaction holding the group's
/// row lock, uses one "now" for all its steps, and writes every session it creates, removes, cancels or
/// updates to the audit log in the same transaction.
public struct TrainingSessionGenerator: Sendable {
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unknownGroup(Int)
        case archivedGroup(Int, name: String)

        public var description: String {
            switch self {
            case .unknownGroup(let id): "there is no training group with id \(id)"
            case .archivedGroup(let id, let name): "the training group \(id) (“\(name)”) is archived: no sessions are generated for it"
            }
        }
    }

    let database: PostgresClient
    public let timeZone: TimeZone

    public init(database: PostgresClient, timeZone: TimeZone) {
        self.database = database
        self.timeZone = timeZone
    }

    /// Creates the sessions of `month` (any day of it) for the group: every date of the month on one of
    /// its slots that starts after `now` (the past is never filled in), and of the months before it never
    /// generated. Idempotent. Refuses an archived or unknown group.
    public func generateMonth(
        group: Int, month: CalendarDate, now: Date = Date(), dryRun: Bool = false
    ) async throws -> TrainingSessionChanges {
        try await run(dryRun: dryRun) { connection in
            let locked = try await lock(group, refusingArchived: true, on: connection)
            return try await generate(locked, month: month, after: LocalMoment(now, in: timeZone), on: connection)
        }
    }

    /// The re-sync after a schedule change (or archiving): removes future, not closed, scheduled sessions
    /// no slot gives any more (cancelling instead those with attendance records), brings those on a slot
    /// up to date with its end time and place, and creates the missing ones for the rest of the current
    /// month and every later month already generated. `rebuild` (the CLI's `--force`) also removes and
    /// re-creates the future sessions of the current month that are on a slot, under the same rules.
    /// A group that no longer exists has nothing to re-sync.
    public func resync(group: Int, now: Date = Date(), rebuild: Bool = false, dryRun: Bool = false) async throws -> TrainingSessionChanges {
        try await run(dryRun: dryRun) { connection in
            guard let locked = try await TrainingSessionGenerationStore.lockGroup(group, on: connection) else { return TrainingSessionChanges() }
            let after = LocalMoment(now, in: timeZone)
            let currentMonth = after.date.firstOfMonth
            var changes = TrainingSessionChanges()
            (changes.removed, changes.cancelled) = try await TrainingSessionGenerationStore.removeStale(
                group: group, after: after, rebuildThrough: rebuild ? currentMonth.lastOfMonth : nil, on: connection
            )
            changes.updated = try await TrainingSessionGenerationStore.refreshFromSlots(group: group, after: after, on: connection)
            let through = max(currentMonth, locked.generatedThrough ?? currentMonth).lastOfMonth
            changes.created = try await TrainingSessionGenerationStore.createMissing(
                group: group, from: after.date, through: through, after: after, on: connection
            )
            if !locked.isArchived {
                // The rest of this month now exists: the monthly job goes on from next month.
                try await TrainingSessionGenerationStore.markGenerated(group: group, through: currentMonth, on: connection)
            }
            try await AuditStore.record(changes.auditEntries(reason: rebuild ? "rebuilt from the schedule" : "schedule re-sync"), on: connection)
            return changes
        }
    }

    /// Deletes sessions older than `days` days before today that were never held and have no
    /// attendance records.
    public func cleanup(olderThanDays days: Int, now: Date = Date(), dryRun: Bool = false) async throws -> TrainingSessionChanges {
        let today = CalendarDate.today(in: timeZone, now: now)
        guard let before = today.adding(days: -days) else { return TrainingSessionChanges() }
        return try await run(dryRun: dryRun) { connection in
            var changes = TrainingSessionChanges()
            changes.removed = try await TrainingSessionGenerationStore.removeOld(before: before, on: connection)
            try await AuditStore.record(changes.auditEntries(reason: "cleanup of sessions older than \(days) days"), on: connection)
            return changes
        }
    }

    /// The groups a run over "all groups" covers, by name: the active ones.
    public func activeGroups() async throws -> [(id: Int, name: String)] {
        try await TrainingSessionGenerationStore.groups(includingArchived: false, on: database)
    }

    /// The name of a group that exists and is not archived; throws ``Failure`` otherwise.
    public func activeGroupName(_ id: Int) async throws -> String {
        guard let group = try await TrainingSessionGenerationStore.group(id, on: database) else { throw Failure.unknownGroup(id) }
        if group.isArchived { throw Failure.archivedGroup(id, name: group.name) }
        return group.name
    }

    /// The demo and benchmark seeds: the sessions of `month` from its first day on, past ones included.
    func generateWholeMonth(group: Int, month: CalendarDate) async throws -> TrainingSessionChanges {
        try await run(dryRun: false) { connection in
            let locked = try await lock(group, refusingArchived: true, on: connection)
            guard let eve = month.firstOfMonth.adding(days: -1), let lastSecond = TimeOfDay(hour: 23, minute: 59, second: 59) else {
                preconditionFailure("a month after January of the year 1 has an eve")
            }
            return try await generate(locked, month: month, after: LocalMoment(date: eve, time: lastSecond), on: connection)
        }
    }

    // MARK: Steps

    private func lock(_ group: Int, refusingArchived: Bool, on connection: PostgresConnection) async throws -> TrainingSessionGenerationStore.LockedGroup {
        guard let locked = try await TrainingSessionGenerationStore.lockGroup(group, on: connection) else { throw Failure.unknownGroup(group) }
        if refusingArchived, locked.isArchived { throw Failure.archivedGroup(group, name: locked.name) }
        return locked
    }

    private func generate(
        _ group: TrainingSessionGenerationStore.LockedGroup, month: CalendarDate, after: LocalMoment, on connection: PostgresConnection
    ) async throws -> TrainingSessionChanges {
        let first = month.firstOfMonth
        // Months before the asked one that were never generated are filled in too (from now on): a group
        // created or un-archived mid-month would otherwise skip the month between. Months generated before
        // are not, so sessions deleted by hand there stay deleted.
        let ungenerated = group.generatedThrough.flatMap(\.firstOfNextMonth) ?? after.date
        var changes = TrainingSessionChanges()
        changes.created = try await TrainingSessionGenerationStore.createMissing(
            group: group.id, from: max(after.date, min(first, ungenerated)), through: first.lastOfMonth, after: after, on: connection
        )
        try await TrainingSessionGenerationStore.markGenerated(group: group.id, through: first, on: connection)
        try await AuditStore.record(changes.auditEntries(reason: "generation of \(first.description.prefix(7))"), on: connection)
        return changes
    }

    /// Runs `body` in a transaction; a dry run rolls it back and still returns what it did.
    private func run(
        dryRun: Bool, _ body: @escaping @Sendable (PostgresConnection) async throws -> TrainingSessionChanges
    ) async throws -> TrainingSessionChanges {
        do {
            return try await database.transaction { connection in
                let changes = try await body(connection)
                if dryRun { throw DryRunRollback(changes: changes) }
                return changes
            }
        } catch let rollback as DryRunRollback {
            return rollback.changes
        }
    }

    /// Thrown to roll a dry run's transaction back, carrying what it would have done.
    private struct DryRunRollback: Error {
        let changes: TrainingSessionChanges
    }
}
