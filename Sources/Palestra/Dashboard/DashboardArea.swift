extension PageTemplate {
    static let dashboard = PageTemplate("dashboard", rendering: DashboardView.self)
}

extension Area {
    /// `/`, the page everyone lands on.
    static let dashboard = Area(
        name: "dashboard",
        templates: [.dashboard],
        navigation: [NavigationEntry("Dashboard", url: SiteURL.dashboard, slot: .start, matchesBelow: false)],
        routes: { surfaces, services in
            DashboardController(store: DashboardStore(database: services.database), views: services.views).addRoutes(to: surfaces.signedIn)
        }
    )
}
