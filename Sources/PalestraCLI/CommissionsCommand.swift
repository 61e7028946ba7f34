import ArgumentParser
import Foundation
import Palestra
import Postgres

struct CommissionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "commissions",
        abstract: "Commission reports from the shell.",
        subcommands: [Send.self]
    )

    struct Send: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a manager's commission report for a period and email it now (through PALESTRA_MAIL_TRANSPORT).",
            discussion: "A report already sent for that manager and period is not sent twice unless --again is given."
        )

        @Option(help: "The manager's email.") var manager: String
        @Option(help: "A month (2026-10), a quarter (2026-Q4), a year (2026) or dates (2026-10-01..2026-10-15).") var period: String
        @Flag(help: "Send it even if it was sent before.") var again = false

        func run() async throws {
            let configuration = try loadConfiguration()
            do {
                let line = try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 1, logger: makeLogger()) { database in
                    try await CommissionReportShell.send(
                        managerEmail: manager, period: period, again: again, configuration: configuration, database: database
                    )
                }
                print(line)
            } catch {
                throw stop(error)
            }
        }
    }
}
