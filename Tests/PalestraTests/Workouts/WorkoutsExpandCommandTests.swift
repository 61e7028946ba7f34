import Foundation
@testable import Palestra
import Testing

/// `palestra workouts expand` as a shell user runs it: the JSON array on standard output, a bad argument a one-line
/// reason and a non-zero exit. No database.
@Suite("Workouts: palestra workouts expand")
struct WorkoutsExpandCommandTests {
    static func run(_ arguments: [String]) async throws -> (status: Int32, output: String, errors: String) {
        let process = try ServerProcess(arguments: ["workouts", "expand"] + arguments, environment: [:], captureOutput: true)
        defer { process.stopIfRunning() }
        let (status, errors) = try await process.waitForExit()
        return (status, try process.output(), errors)
    }

    @Test("prints the occurrences between --from and --to as JSON, --exdate removing dates")
    func expands() async throws {
        let run = try await Self.run([
            "--rule", "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270310", "--start", "2026-11-03",
            "--from", "2026-11-01", "--to", "2026-11-30", "--exdate", "2026-11-05", "--exdate", "2026-11-19",
        ])
        #expect(run.status == 0)
        #expect(run.output == "[\"2026-11-03\",\"2026-11-17\"]\n")
    }

    @Test("a rule outside the subset or a malformed date exits non-zero with the reason")
    func refuses() async throws {
        let yearly = try await Self.run(["--rule", "FREQ=YEARLY", "--start", "2026-11-03", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(yearly.status != 0 && yearly.errors.contains("Only DAILY, WEEKLY and MONTHLY rules are offered.") && yearly.output.isEmpty)
        let date = try await Self.run(["--rule", "FREQ=DAILY", "--start", "3 Nov", "--from", "2026-11-01", "--to", "2026-11-30"])
        #expect(date.status != 0 && date.errors.contains("--start must be a date written YYYY-MM-DD"))
    }
}
