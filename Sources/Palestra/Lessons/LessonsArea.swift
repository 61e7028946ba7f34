extension PageTemplate {
    static let lesson = PageTemplate("lessons/lesson", rendering: LessonPageView.self)
    static let lessonCancel = PageTemplate("lessons/cancel", rendering: LessonCancelView.self)
    static let lessonForm = PageTemplate("lessons/form", rendering: LessonFormView.self)
    static let myLessons = PageTemplate("lessons/mine", rendering: MyLessonsView.self)
    static let timetable = PageTemplate("lessons/timetable", rendering: TimetableView.self)
    static let apiDocs = PageTemplate("lessons/api_docs", rendering: APIDocsView.self)
}

extension Area {
    /// Rooms and lessons: a lesson's page and its lifecycle, My lessons, week timetables, the hourly
    /// completion of lessons left in progress.
    static let lessons = Area(
        name: "lessons",
        resources: [LessonsAdmin.lessons, LessonsAdmin.rooms],
        templates: [.lesson, .lessonCancel, .lessonForm, .myLessons, .timetable, .apiDocs],
        navigation: [NavigationEntry("My lessons", url: LessonsURL.myLessons, policy: .signedIn, slot: .start)],
        routes: { surfaces, services in
            let notices = LessonNotices(
                localizations: services.views.localizations, defaultLanguage: services.configuration.defaultLanguage,
                timeZone: services.configuration.timeZone
            )
            let lifecycle = LessonLifecycle(database: services.database, notices: notices)
            LessonController(lifecycle: lifecycle, browserSessions: services.accounts.browserSessions, views: services.views)
                .addRoutes(to: surfaces.signedIn)
            LessonScheduleController(database: services.database, views: services.views).addRoutes(to: surfaces.signedIn)
            LessonsAPIController(lifecycle: lifecycle).addRoutes(to: surfaces.api)
            LessonsAPIDocsController(views: services.views).addRoutes(to: surfaces.session)
        },
        jobs: { registry, configuration, database in
            registry.register(CompleteOverdueLessonsJob(lifecycle: LessonLifecycle(database: database, notices: LessonNotices(configuration: configuration))))
        },
        periodicJobs: { _ in
            [PeriodicJob(name: "complete-overdue-lessons", schedule: .hourly(minute: 20)) { connection in
                try await JobQueue.enqueue(CompleteOverdueLessonsJob.self, .init(), on: connection)
            }]
        }
    )
}
