import Hummingbird

extension Router where Context == AppRequestContext {
    /// Registers `handler` for an endpoint, so that the route and the 405 table come from one declaration.
    @discardableResult
    func on(
        _ endpoint: Endpoint,
        use handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response
    ) -> Self {
        on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
    }
}
