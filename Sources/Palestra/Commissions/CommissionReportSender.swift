import Foundation
import Logging
import Postgres

/// Builds a manager's commission report for a period and emails it, once: the job
/// ``SendCommissionReportJob`` and `palestra commissions send` both come here.
///
/// Once per manager and period, whatever the number of workers: the transaction takes an advisory lock
/// on the manager and period, and a report already sent (by any job, or by this job on an earlier
/// attempt when sending again) is not sent again; the send is stored in the same transaction. As with
/// ``DeliverNotification``, a crash after the transport accepted the mail and before the commit sends
/// it again on the retry (at least once, never lost).
struct CommissionReportSender: Sendable {
    enum Outcome: Sendable, Equatable {
        case sent(recipient: String)
        case alreadySent
        case noSuchManager
    }

    let database: PostgresClient
    let views: Views
    let settings: NotificationSettings
    let defaultLanguage: Language
    let logger: Logger

    func send(manager: Int, period: CommissionPeriod, jobID: Int?, again: Bool) async throws -> Outcome {
        let views = views, settings = settings, defaultLanguage = defaultLanguage, logger = logger
        return try await database.transaction { connection in
            try await CommissionReportSendStore.lock(manager: manager, period: period.value, on: connection)
            if try await CommissionReportSendStore.isSent(manager: manager, period: period.value, job: jobID, anyJob: !again, on: connection) {
                return .alreadySent
            }
            guard let found = try await CommissionReportStore(database: database).manager(manager, on: connection) else { return .noSuchManager }
            let report = try await CommissionReportStore.report(manager: manager, name: found.name, email: found.email, period: period, on: connection)
            let language = found.language.flatMap(Language.init(rawValue:)) ?? defaultLanguage
            let notes = try await CommissionReportStore.notes(manager: manager, period: period, on: connection)
            let mail = CommissionReportMail(report: report, notes: notes, localizer: views.localizations.localizer(for: language), library: views.libraries[language])
            let token = "commission-report.\(manager).\(period.value).\(jobID.map(String.init) ?? "shell-" + UUID().uuidString.prefix(8).lowercased())"
            let message = MailMessage(
                from: settings.sender, to: MailAddress(displayName: found.name, address: found.email), subject: mail.subject, date: Date(),
                messageID: "\(token)@\(settings.sender.domain)", kind: "commissions.report", body: mail.text, html: mail.html
            )
            try await settings.transport.deliver(
                message, token: token, logLine: "Commission report \(period.value) sent to manager \(manager)", logger: logger
            )
            try await CommissionReportSendStore.record(
                .init(managerID: manager, period: period.value, jobID: jobID, recipient: found.email, subject: mail.subject,
                      textBody: mail.text, htmlBody: mail.html, fingerprint: report.fingerprint),
                on: connection
            )
            return .sent(recipient: found.email)
        }
    }
}
