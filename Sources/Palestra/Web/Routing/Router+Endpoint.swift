import Hummingbird

extension RouterMethods {
    /// Registers `handler` for an endpoint, so that the route and the 405 table come from one declaration.
    @discardableResult
    func on(
        _ endpoint: Endpoint,
        use handler: @escaping @Sendable (Request, Context) async throws -> Response
    ) -> Self {
        on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
    }
}
