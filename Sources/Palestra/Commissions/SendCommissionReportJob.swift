import Postgres

/// `generate_and_send_commission_report(manager, period)`: emails a manager their team's commission
/// report for a period, once (``CommissionReportSender``); `again` sends it even if it was sent before.
/// The monthly periodic job enqueues one per manager for the month before.
public struct SendCommissionReportJob: JobKind {
    public struct Arguments: Codable, Sendable, Equatable {
        public let managerID: Int
        public let period: String
        public let again: Bool

        public init(managerID: Int, period: String, again: Bool = false) {
            self.managerID = managerID
            self.period = period
            self.again = again
        }

        enum CodingKeys: String, CodingKey {
            case managerID = "manager_id"
            case period
            case again
        }
    }

    public static let name = "generate_and_send_commission_report"
    public static var maxAttempts: Int { 10 }

    let sender: CommissionReportSender

    /// The queue's key for a manager's report of a period: one such job waits or runs at a time.
    static func uniqueKey(manager: Int, period: String, again: Bool) -> String {
        "commissions.report:\(manager):\(period)" + (again ? ":again" : "")
    }

    /// Enqueues the job in the caller's transaction; `nil` when the same one is already waiting or running.
    @discardableResult
    static func enqueue(manager: Int, period: CommissionPeriod, again: Bool, on connection: any PostgresQueryable) async throws -> Int? {
        try await JobQueue.enqueue(
            Self.self, Arguments(managerID: manager, period: period.value, again: again),
            options: JobOptions(uniqueKey: uniqueKey(manager: manager, period: period.value, again: again)), on: connection
        )
    }

    /// The monthly periodic job: every active manager's report of the month before `today`'s.
    static func enqueueLastMonth(today: CalendarDate, on connection: PostgresConnection) async throws -> Int? {
        let month = CommissionPeriod.month(of: today).previous
        var first: Int?
        for manager in try await CommissionReportStore.managerIDs(on: connection) {
            let id = try await enqueue(manager: manager, period: month, again: false, on: connection)
            first = first ?? id
        }
        return first
    }

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        guard let period = CommissionPeriod(arguments.period) else {
            context.logger.warning("commission report job with a period that does not read", metadata: ["period": "\(arguments.period)"])
            return
        }
        let outcome = try await sender.send(manager: arguments.managerID, period: period, jobID: context.jobID, again: arguments.again)
        context.logger.info("commission report", metadata: ["manager": "\(arguments.managerID)", "period": "\(arguments.period)", "outcome": "\(outcome)"])
    }
}
