import Logging
import Postgres

extension PageTemplate {
    static let commissionReport = PageTemplate("commissions/report", rendering: CommissionReportView.self)
}

extension Area {
    /// Teams, commission entries with their approval, the commission report on screen, as CSV and by email,
    /// and the monthly email of last month's report to every manager.
    static let commissions = Area(
        name: "commissions",
        resources: [CommissionEntriesAdmin.resource, TeamsAdmin.resource],
        templates: [.commissionReport],
        navigation: [NavigationEntry(CatalogKey.t("Commission report"), url: CommissionReportURL.report, policy: CommissionAccess.reportPolicy, slot: .reports)],
        routes: { surfaces, services in
            CommissionReportController(
                store: CommissionReportStore(database: services.database), views: services.views,
                browserSessions: services.accounts.browserSessions
            ).addRoutes(to: surfaces.signedIn)
        },
        jobs: { registry, configuration, database in
            registry.register(SendCommissionReportJob(sender: .init(configuration: configuration, database: database)))
        },
        periodicJobs: { configuration in
            // On the 2nd at 07:00 (the organisation's time): every manager's report of the month before.
            let timeZone = configuration.timeZone
            return [PeriodicJob(name: "commission-reports", schedule: .monthly(day: 2, hour: 7, minute: 0)) { connection in
                try await SendCommissionReportJob.enqueueLastMonth(today: .today(in: timeZone), on: connection)
            }]
        },
        userFacts: [CommissionAccess.teamMember]
    )
}

extension CommissionReportSender {
    /// The sender a process's jobs and the shell use: the templates compiled from the configured folder.
    init(configuration: AppConfiguration, database: PostgresClient, logger: Logger = Logger(label: "palestra.commissions")) {
        let views: Views
        do {
            views = try Views(
                templatesDirectory: configuration.templatesDirectory, publicDirectory: configuration.publicDirectory, timeZone: configuration.timeZone
            )
        } catch {
            preconditionFailure("the templates in \(configuration.templatesDirectory) cannot be compiled: \(error)")
        }
        self.init(
            database: database, views: views, settings: configuration.notifications, defaultLanguage: configuration.defaultLanguage, logger: logger
        )
    }
}
