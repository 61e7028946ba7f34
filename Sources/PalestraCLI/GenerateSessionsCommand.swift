import ArgumentParser
import Foundation
import Palestra
import Postgres

struct GenerateSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-sessions",
        abstract: "Generate training sessions from the groups' weekly schedules, re-build them, or clean up old ones.",
        discussion: """
            Without options: the rest of the current month for every active group. Sessions already there, \
            past and closed ones are never touched; a session with attendance records is never deleted. \
            For cron on the 1st of each month: --all-groups-next-month.
            """
    )

    @Flag(help: "Next month for every active group (the 1st-of-month job).") var allGroupsNextMonth = false
    @Option(help: "Only this group (its id).") var group: Int?
    @Flag(help: "Next month instead of the current one.") var nextMonth = false
    @Flag(help: "Delete never-held sessions without attendance older than PALESTRA_TRAINING_SESSION_RETENTION_DAYS (or --older-than-days).") var cleanup = false
    @Option(help: "With --cleanup: the age in days (default PALESTRA_TRAINING_SESSION_RETENTION_DAYS, 90).") var olderThanDays: Int?
    @Flag(help: "Re-build the current month's future, not closed sessions from the schedule (sessions with attendance are kept).") var force = false
    @Flag(help: "Print what would change; save nothing.") var dryRun = false

    func validate() throws {
        if allGroupsNextMonth && group != nil {
            throw ValidationError("--all-groups-next-month is for every group; for one group use --group ID --next-month")
        }
        if cleanup && (group != nil || nextMonth || allGroupsNextMonth || force) {
            throw ValidationError("--cleanup goes alone (with --older-than-days and --dry-run)")
        }
        if force && (nextMonth || allGroupsNextMonth) {
            throw ValidationError("--force re-builds the current month; it does not go with --next-month")
        }
        if olderThanDays != nil && !cleanup {
            throw ValidationError("--older-than-days goes with --cleanup")
        }
        if let olderThanDays, !(1...3650).contains(olderThanDays) {
            throw ValidationError("--older-than-days must be from 1 to 3650")
        }
        if let group, group < 1 {
            throw ValidationError("--group must be a group's id, a positive number")
        }
    }

    func run() async throws {
        let configuration = try loadConfiguration()
        let operation: TrainingSessionGenerationPlan.Operation =
            if cleanup { .cleanup(olderThanDays: olderThanDays ?? configuration.training.sessionRetentionDays) }
            else if force { .rebuildCurrentMonth }
            else if nextMonth || allGroupsNextMonth { .nextMonth }
            else { .currentMonth }
        let plan = TrainingSessionGenerationPlan(operation: operation, group: group, dryRun: dryRun)
        let outcome: TrainingSessionGenerationPlan.Outcome
        do {
            outcome = try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 1, logger: makeLogger()) { database in
                try await plan.run(with: TrainingSessionGenerator(database: database, timeZone: configuration.timeZone)) { print($0) }
            }
        } catch {
            throw stop(error)
        }
        if outcome.failures > 0 { throw ExitCode.failure }
    }
}
