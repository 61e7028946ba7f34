extension PageTemplate {
    static let jobsOverview = PageTemplate("jobs/overview", rendering: JobsOverviewView.self)
}

extension Area {
    /// The background queue at the desk: its jobs, the overview page, and the queue's own diagnostic kinds.
    static let jobs = Area(
        name: "jobs",
        resources: [JobsAdmin.resource],
        templates: [.jobsOverview],
        navigation: [NavigationEntry("Queue overview", url: JobsURL.overview, policy: .admins, slot: .system, matchesBelow: false)],
        routes: { surfaces, services in
            JobsOverviewController(store: JobDashboardStore(database: services.database), views: services.views, periodicJobs: services.periodicJobs)
                .addRoutes(to: surfaces.signedIn)
        },
        jobs: { registry, _, _ in
            registry.register(NoOpJob())
            registry.register(SleepJob())
        }
    )
}
