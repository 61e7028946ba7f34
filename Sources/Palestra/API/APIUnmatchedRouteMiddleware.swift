import Hummingbird

/// Answers `/api/` requests that no route took in the API's format: 404, or 405 with `Allow` where the
/// path exists for other methods (``APISurface/routes``). It must sit inside the HTML error pages on the
/// router (it only ever sees the "no route" answer of paths under `/api/`).
struct APIUnmatchedRouteMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch where APISurface.owns(request.uri.path) && context.endpointPath == RouteTable.unmatchedEndpoint {
            let allowed = routes.allowedMethods(for: request.uri.path)
            let status: HTTPResponse.Status = !allowed.isEmpty && !allowed.contains(request.method) ? .methodNotAllowed : .notFound
            return APIProblem.response(status: status, allowed: allowed, requestID: context.id)
        }
    }
}
