extension Area {
    /// The JSON API's own endpoints (each area adds its API routes to `surfaces.api`).
    static let api = Area(
        name: "api",
        routes: { surfaces, _ in
            APIMeController().addRoutes(to: surfaces.api)
        }
    )
}
