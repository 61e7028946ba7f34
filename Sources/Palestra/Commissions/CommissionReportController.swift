import Foundation
import Hummingbird
import Postgres

/// The commission report: a team's commissions over a period on screen and as CSV, and "email me this
/// report". Administrators choose any manager's team; a manager sees only their own (another manager's
/// id answers 404); others may not see reports.
struct CommissionReportController: Sendable {
    let store: CommissionReportStore
    let views: Views
    let browserSessions: BrowserSessionStore

    func addRoutes(to routes: Routes<SignedInContext>) {
        let readers = routes.restricted(to: CommissionAccess.reportPolicy)
        readers.get(CommissionReportURL.report, use: report)
        readers.post(CommissionReportURL.email, use: email)
    }

    /// The manager the request names (an administrator: `manager`, else the first; a manager: themselves),
    /// or 404 for one out of reach.
    private func manager(_ text: String?, context: SignedInContext) async throws -> (id: Int, name: String, email: String, all: [(id: Int, name: String, email: String)]) {
        let access = CommissionAccess(user: context.user)
        let managers = try await store.managers(access: access)
        if let text, !text.isEmpty {
            guard let id = Int(text), access.reachesReport(of: id), let found = managers.first(where: { $0.id == id }) else { throw AppError.notFound }
            return (found.id, found.name, found.email, managers)
        }
        guard let first = managers.first(where: { $0.id == context.user.id }) ?? managers.first else { throw AppError.notFound }
        return (first.id, first.name, first.email, managers)
    }

    /// The report page's reads in one round trip (``CommissionReportStore/page(access:manager:period:)``) once
    /// the manager is known: the one named, a manager themselves, or (an administrator naming none) the first.
    /// A manager out of reach answers 404, and nothing of their report is shown.
    private func page(_ text: String?, period: CommissionPeriod, context: SignedInContext) async throws
        -> (id: Int, name: String, email: String, all: [CommissionReportStore.Manager], report: CommissionReport, sent: CommissionReportSendStore.Send?) {
        let access = CommissionAccess(user: context.user)
        let candidate: Int
        if let text, !text.isEmpty {
            guard let id = Int(text), access.reachesReport(of: id) else { throw AppError.notFound }
            candidate = id
        } else if case .teamOf(let own) = access.reach {
            candidate = own
        } else {
            candidate = try await manager(nil, context: context).id
        }
        let page = try await store.page(access: access, manager: candidate, period: period)
        guard let found = page.managers.first(where: { $0.id == candidate }) else { throw AppError.notFound }
        return (found.id, found.name, found.email, page.managers, try page.report(found), page.sent)
    }

    @Sendable func report(_ request: Request, context: SignedInContext) async throws -> Response {
        let query = request.queryData
        let localizer = views.localizer(for: context)
        var period = CommissionPeriod.month(of: .today(in: views.timeZone))
        var periodError: String?
        let periodText = query.value("period") ?? ""
        if !periodText.isEmpty {
            if let parsed = CommissionPeriod(periodText) { period = parsed } else {
                periodError = localizer.t("Enter a month (2026-10), a quarter (2026-Q4), a year (2026) or dates (2026-10-01..2026-10-15).")
            }
        }
        let chosen = try await page(query.value("manager"), period: period, context: context)
        let report = chosen.report
        let sent = chosen.sent
        let maker = CommissionReportMaker(localizer: localizer)
        if query.value("format") == "csv", periodError == nil {
            return maker.csv(report).response(fileName: maker.fileName(report))
        }
        let isAdmin = context.user.isAdmin
        let view = CommissionReportView(
            heading: maker.heading(report), periodValue: periodError == nil ? period.value : periodText,
            periodError: periodError ?? "", hasPeriodError: periodError != nil,
            periodHelp: localizer.t("A month (2026-10), a quarter (2026-Q4), a year (2026) or dates (2026-10-01..2026-10-15)."),
            managerOptions: chosen.all.map { .init(value: String($0.id), label: $0.name, isSelected: $0.id == chosen.id) },
            hasManagerChoice: isAdmin,
            periodLabel: period.label(localizer.format, localizer: localizer),
            previousURL: CommissionReportURL.report(period: period.previous.value, manager: isAdmin ? chosen.id : nil),
            nextURL: CommissionReportURL.report(period: period.next.value, manager: isAdmin ? chosen.id : nil),
            previousLabel: period.previous.label(localizer.format, localizer: localizer),
            lines: maker.lines(report, links: true), hasLines: !report.lines.isEmpty, totals: maker.totals(report),
            charts: maker.charts(report),
            csvURL: CommissionReportURL.report(period: period.value, manager: isAdmin ? chosen.id : nil, format: "csv"),
            csrfToken: context.signedInSession.csrfToken, managerID: String(chosen.id),
            sentNote: sent.map {
                localizer.t("Emailed to {recipient} on {date}.", ["recipient": $0.recipient, "date": localizer.format.dateTime($0.sentAt, in: views.timeZone)])
            } ?? "",
            isSent: sent != nil, changedSinceSent: sent.map { $0.fingerprint != report.fingerprint } ?? false,
            canEmail: periodError == nil,
            emailLabel: chosen.id == context.user.id ? localizer.t("Email me this report") : localizer.t("Email this report to the manager")
        )
        return views.render(.commissionReport, title: view.heading, content: view, context: context,
                            status: periodError == nil ? .ok : .unprocessableContent)
    }

    /// Enqueues the report's email to its manager; a report already sent goes again only when `again` is chosen.
    @Sendable func email(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = try await request.formData(context: context)
        let localizer = views.localizer(for: context)
        let chosen = try await manager(form.value("manager"), context: context)
        guard let period = form.value("period").flatMap(CommissionPeriod.init) else { throw AppError.badRequest }
        let back = CommissionReportURL.report(period: period.value, manager: context.user.isAdmin ? chosen.id : nil)
        let again = form.value("again") == "true"
        let flash: FlashMessage = try await store.database.transaction { connection in
            if !again, try await CommissionReportSendStore.isSent(manager: chosen.id, period: period.value, job: nil, anyJob: true, on: connection) {
                return .info(localizer.t("This report was already emailed. Choose “Send again” to email it once more."))
            }
            guard try await SendCommissionReportJob.enqueue(manager: chosen.id, period: period, again: again, on: connection) != nil else {
                return .info(localizer.t("This report is already on its way to {email}.", ["email": chosen.email]))
            }
            return .success(localizer.t("The report will be emailed to {email} in a moment.", ["email": chosen.email]))
        }
        return try await browserSessions.redirect(to: back, flash: flash, session: context.signedInSession)
    }
}
