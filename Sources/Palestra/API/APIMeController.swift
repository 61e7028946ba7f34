import Hummingbird

/// `GET /api/v1/me`: the token's user. The smallest real endpoint of the API surface.
struct APIMeController {
    /// Paths relative to the API surface's `/api`.
    static let endpoints = [Endpoint(.get, "/v1/me")]

    func addRoutes(to api: RouterGroup<APIRequestContext>) {
        api.on(Self.endpoints[0]) { request, context in
            try APIUser(context.user).response(from: request, context: context)
        }
    }
}
