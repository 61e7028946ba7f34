import Hummingbird

/// Where an area adds its routes on one surface: each route is declared by a ``SiteRoute`` value and
/// recorded in the application's route table (405 with `Allow` for other methods) as it is added.
public struct Routes<Context: RequestContext>: Sendable {
    let group: RouterGroup<Context>
    let table: RouteTableBuilder
    /// Routes added here are left out of the route table.
    var isListed = true

    public typealias Handler = @Sendable (Request, Context) async throws -> Response

    @discardableResult
    public func on(_ method: HTTPRequest.Method, _ route: some SiteRoute, use handler: @escaping Handler) -> Self {
        if isListed { table.record(Endpoint(method, route.path)) }
        group.on(RouterPath(route.path), method: method, use: handler)
        return self
    }

    @discardableResult
    public func get(_ route: some SiteRoute, use handler: @escaping Handler) -> Self { on(.get, route, use: handler) }

    @discardableResult
    public func post(_ route: some SiteRoute, use handler: @escaping Handler) -> Self { on(.post, route, use: handler) }

    /// The same surface, its routes left out of the route table: a request with another method answers as
    /// an unknown address does (404), not 405 with `Allow`, which would tell that the address exists.
    public var unlisted: Routes<Context> {
        var routes = self
        routes.isListed = false
        return routes
    }

    /// The same surface with one more middleware in front of the routes added to the result.
    public func adding(_ middleware: any MiddlewareProtocol<Request, Response, Context>) -> Routes<Context> {
        Routes(group: group.group().add(middleware: middleware), table: table, isListed: isListed)
    }
}

extension Routes where Context == SignedInContext {
    /// Routes only the given roles may reach; everyone else gets 403 before the handler runs.
    public func restricted(to policy: RolePolicy) -> Routes<SignedInContext> {
        adding(RolePolicyMiddleware(policy: policy))
    }
}
