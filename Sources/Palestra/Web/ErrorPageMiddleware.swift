import Hummingbird
import Logging

/// Turns every error a request ends in into the error page, with its status and the request id; under
/// `/api/`, into the API's problem document instead.
///
/// A 404 for a path that exists under other methods becomes a 405 with `Allow`. Unexpected errors
/// answer 500 and are logged with the request id; the page never shows internals.
///
/// It stands twice: on the router, outside every surface (for what no surface answered: unknown paths,
/// 405s, refusals of the request guard), and inside the session surface, where a signed-in user's error
/// page shows their language and menu.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views
    let routes: any AllowedMethods
    /// On the router: the browser sessions, so that a 405 to a signed-in user (no route, so no session
    /// surface) still shows their menu.
    var sessions: BrowserSessionStore?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch AppError.signInRequired {
            return SignInRedirect.response(returningTo: request)
        } catch {
            var status = AppError.status(of: error)
            var allowed: [HTTPRequest.Method] = []
            if case AppError.methodNotAllowed(let methods) = error { allowed = methods }
            if status == .notFound && context.endpointPath == RouteTable.unmatchedEndpoint {
                allowed = routes.allowedMethods(for: request.uri.path)
                if !allowed.isEmpty && !allowed.contains(request.method) { status = .methodNotAllowed }
            }
            switch status.kind {
            case .serverError where status == .serviceUnavailable:
                context.logger.warning("database unavailable", metadata: ["status": "503", "error": "\(error)"])
            case .serverError:
                context.logger.error("request failed", metadata: ["status": "\(status.code)", "error": "\(String(reflecting: error))"])
            default:
                context.logger.debug("request refused", metadata: ["status": "\(status.code)", "error": "\(error)"])
            }
            if APISurface.owns(request.uri.path) {
                let problem = status == .notFound || status == .methodNotAllowed
                    ? APIProblem.response(status: status, allowed: allowed, requestID: context.id)
                    : APIProblem(classifying: error).response(requestID: context.id)
                return problem
            }
            var context = context
            if status == .methodNotAllowed, context.session == nil, let sessions,
               let token = request.cookies[BrowserSessionSettings.cookieName]?.value {
                context.session = try? await sessions.load(token: token)
                if let language = context.session?.user?.language { context.language = language }
            }
            var response = errorPage(status: status, context: context)
            if !allowed.isEmpty {
                response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
            }
            if case AppError.tooManyRequests(let seconds) = error { response.headers[.retryAfter] = String(seconds) }
            if status == .serviceUnavailable {
                response.headers[.retryAfter] = "5"
            }
            return response
        }
    }

    func errorPage(status: HTTPResponse.Status, context: Context) -> Response {
        let localizer = views.localizations.localizer(for: context.language)
        let page = ErrorPageView(status: status, requestID: context.id, localizer: localizer)
        var response = views.render(.error, title: page.heading, content: page, context: context, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
