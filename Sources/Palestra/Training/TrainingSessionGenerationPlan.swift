import Foundation

/// What `palestra generate-sessions` was asked to do, and doing it: one operation over one group or
/// every active group, a progress line per group, the sessions themselves on a dry run, and totals.
public struct TrainingSessionGenerationPlan: Sendable {
    public enum Operation: Sendable, Equatable {
        /// The current month, from now on.
        case currentMonth
        /// The whole of next month (the 1st-of-month job).
        case nextMonth
        /// Re-build this month's future, not closed sessions from the schedule (`--force`).
        case rebuildCurrentMonth
        /// Delete never-held sessions without attendance older than this many days.
        case cleanup(olderThanDays: Int)
    }

    public let operation: Operation
    /// One group, or `nil` for every active group.
    public let group: Int?
    public let dryRun: Bool

    public init(operation: Operation, group: Int?, dryRun: Bool) {
        self.operation = operation
        self.group = group
        self.dryRun = dryRun
    }

    /// Runs the plan, writing progress to `output`. Throws ``TrainingSessionGenerator/Failure`` for an unknown or
    /// archived group named by `group`; a group that fails among many is reported and the others go on
    /// (``Outcome/failures`` counts them).
    public func run(with generator: TrainingSessionGenerator, now: Date = Date(), output: @Sendable (String) -> Void) async throws -> Outcome {
        if dryRun { output("Dry run: nothing is saved.") }
        var outcome = Outcome()
        if case .cleanup(let days) = operation {
            let changes = try await generator.cleanup(olderThanDays: days, now: now, dryRun: dryRun)
            report(changes, heading: "Sessions older than \(days) days without attendance", output: output)
            outcome.changes = changes
            output("Total: " + changes.summary)
            return outcome
        }
        let groups: [(id: Int, name: String)]
        if let group {
            groups = [(group, try await generator.activeGroupName(group))]
        } else {
            groups = try await generator.activeGroups()
        }
        let today = LocalMoment(now, in: generator.timeZone).date
        for group in groups {
            do {
                let changes: TrainingSessionChanges = switch operation {
                case .currentMonth: try await generator.generateMonth(group: group.id, month: today, now: now, dryRun: dryRun)
                case .nextMonth: try await generator.generateMonth(group: group.id, month: today.firstOfNextMonth ?? today, now: now, dryRun: dryRun)
                case .rebuildCurrentMonth: try await generator.resync(group: group.id, now: now, rebuild: true, dryRun: dryRun)
                case .cleanup: TrainingSessionChanges()
                }
                report(changes, heading: "[\(group.id)] \(group.name)", output: output)
                outcome.changes = outcome.changes + changes
                outcome.groups += 1
            } catch {
                if self.group != nil { throw error }
                output("[\(group.id)] \(group.name): FAILED: \(error)")
                outcome.failures += 1
            }
        }
        output("Total for \(outcome.groups) group\(outcome.groups == 1 ? "" : "s"): " + outcome.changes.summary
               + (outcome.failures > 0 ? "; \(outcome.failures) failed" : ""))
        return outcome
    }

    public struct Outcome: Sendable {
        public var changes = TrainingSessionChanges()
        public var groups = 0
        public var failures = 0
    }

    private func report(_ changes: TrainingSessionChanges, heading: String, output: @Sendable (String) -> Void) {
        output(heading + ": " + changes.summary)
        guard dryRun else { return }
        for (mark, sessions) in [("+", changes.created), ("-", changes.removed), ("x", changes.cancelled), ("~", changes.updated)] {
            for session in sessions { output("  \(mark) \(session.date) \(session.startsAt)  \(session.groupName)") }
        }
    }
}
