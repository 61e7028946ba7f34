extension PageTemplate {
    static let workoutList = PageTemplate("workouts/list", rendering: WorkoutListView.self)
    static let workoutCalendar = PageTemplate("workouts/calendar", rendering: WorkoutCalendarView.self)
    static let workoutOccurrence = PageTemplate("workouts/occurrence", rendering: WorkoutOccurrenceView.self)
    static let workoutForm = PageTemplate("workouts/form", rendering: WorkoutFormView.self)
    static let workoutHistory = PageTemplate("workouts/history", rendering: WorkoutHistoryView.self)
    static let workoutDelete = PageTemplate("workouts/delete_confirmation", rendering: WorkoutDeleteView.self)
    static let workoutVolumeChart = PageTemplate(document: "workouts/volume_chart", rendering: WorkoutVolumeChart.self)
}

extension Area {
    /// Every signed-in user's workouts: recurring plans, the month calendar, tracking each occurrence, the history,
    /// and a calendar link for phones.
    static let workouts = Area(
        name: "workouts",
        templates: [.workoutList, .workoutCalendar, .workoutOccurrence, .workoutForm, .workoutHistory, .workoutDelete, .workoutVolumeChart],
        navigation: [NavigationEntry("Workouts", url: WorkoutURL.list, policy: .signedIn, slot: .start)],
        routes: { surfaces, services in
            let planner = WorkoutPlanner(store: WorkoutStore(database: services.database), timeZone: services.configuration.timeZone)
            let feeds = WorkoutFeedStore(database: services.database)
            WorkoutController(planner: planner, feeds: feeds, browserSessions: services.accounts.browserSessions, views: services.views)
                .addRoutes(to: surfaces.signedIn)
            WorkoutHistoryController(planner: planner, views: services.views).addRoutes(to: surfaces.signedIn)
            WorkoutFeedController(planner: planner, feeds: feeds).addRoutes(to: surfaces.bare)
        }
    )
}
