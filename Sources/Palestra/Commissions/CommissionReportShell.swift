import Postgres

/// `palestra commissions send`: the seed's manual check from the shell — builds a manager's report for a
/// period and emails it through the configured transport, as the job does, and says what happened.
public enum CommissionReportShell {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Sends the report of the manager with `managerEmail` for `period`; `again` sends one already sent.
    /// Returns the line to print; throws ``Failure`` for a period that does not read or an unknown manager.
    public static func send(
        managerEmail: String, period text: String, again: Bool, configuration: AppConfiguration, database: PostgresClient
    ) async throws -> String {
        guard let period = CommissionPeriod(text) else {
            throw Failure(description: "--period must be a month (2026-10), a quarter (2026-Q4), a year (2026) or dates (2026-10-01..2026-10-15)")
        }
        let found = try await database.query("SELECT id FROM users WHERE email = $1::text::citext AND role = 'manager'", [managerEmail])
        guard let id: Int = try found.first?.decode("id") else {
            throw Failure(description: "no manager has the email \(managerEmail)")
        }
        let sender = CommissionReportSender(configuration: configuration, database: database)
        switch try await sender.send(manager: id, period: period, jobID: nil, again: again) {
        case .sent(let recipient): return "The commission report \(period.value) was sent to \(recipient)."
        case .alreadySent: return "The commission report \(period.value) was already sent to this manager; --again sends it once more."
        case .noSuchManager: throw Failure(description: "no manager has the email \(managerEmail)")
        }
    }
}
