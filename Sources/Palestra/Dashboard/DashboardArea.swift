extension PageTemplate {
    static let dashboard = PageTemplate("dashboard", rendering: DashboardView.self)
}

extension Area {
    /// `/`, the page everyone but coaches lands on (coaches land on their sessions, and have no menu entry for it).
    static let dashboard = Area(
        name: "dashboard",
        templates: [.dashboard],
        navigation: [NavigationEntry("Dashboard", url: SiteURL.dashboard, policy: RolePolicy([.admin, .manager, .student]), slot: .start, matchesBelow: false)],
        routes: { surfaces, services in
            DashboardController(
                store: DashboardStore(database: services.database), views: services.views,
                attendanceWarningPercent: services.configuration.training.attendanceWarningPercent
            ).addRoutes(to: surfaces.signedIn)
        }
    )
}
