extension Area {
    /// What operators and their tools read: `/healthz` for load balancers, `/metrics` for Prometheus.
    static let operations = Area(
        name: "operations",
        routes: { surfaces, services in
            HealthController(database: services.database).addRoutes(to: surfaces.bare)
            MetricsController(store: JobDashboardStore(database: services.database)).addRoutes(to: surfaces.session)
        }
    )
}
