extension PageTemplate {
    static let coachSessions = PageTemplate("attendance/sessions", rendering: CoachSessionsView.self)
    static let attendanceJournal = PageTemplate("attendance/journal", rendering: AttendanceJournalView.self)
    static let journalClose = PageTemplate("attendance/close_confirmation", rendering: JournalCloseView.self)
}

extension Area {
    /// The coaches' journals on their phones, attendance records at the desk, and the nightly auto-close.
    static let attendance = Area(
        name: "attendance",
        resources: [AttendanceAdmin.resource],
        templates: [.coachSessions, .attendanceJournal, .journalClose],
        navigation: [NavigationEntry("My sessions", url: AttendanceURL.mySessions, policy: TrainingGroupAccess.policy(for: .change), slot: .start)],
        settings: .integer(
            "PALESTRA_TRAINING_SESSION_AUTOCLOSE_DAYS", "training sessions close by themselves this many days after their date (default 7)",
            in: 1...3650, into: \.training.sessionAutoCloseDays
        ),
        routes: { surfaces, services in
            CoachController(
                journal: AttendanceJournal(
                    store: AttendanceStore(database: services.database), timeZone: services.configuration.timeZone,
                    notices: SessionNotices(localizations: services.views.localizations, defaultLanguage: services.configuration.defaultLanguage)
                ),
                browserSessions: services.accounts.browserSessions, views: services.views
            ).addRoutes(to: surfaces.signedIn)
        },
        jobs: { registry, configuration, database in
            let notices = SessionNotices(configuration: configuration)
            let journal = AttendanceJournal(store: AttendanceStore(database: database), timeZone: configuration.timeZone, notices: notices)
            registry.register(AutoCloseTrainingSessionsJob(journal: journal, settings: configuration.training))
            registry.register(ScheduleChangeNoticeJob(notices: notices))
        },
        periodicJobs: { _ in
            // Daily at 02:10: training sessions dated PALESTRA_TRAINING_SESSION_AUTOCLOSE_DAYS or more days ago close.
            [PeriodicJob(name: "autoclose-sessions", schedule: .daily(hour: 2, minute: 10)) { connection in
                try await JobQueue.enqueue(AutoCloseTrainingSessionsJob.self, .init(), on: connection)
            }]
        }
    )
}
