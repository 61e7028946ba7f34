import Hummingbird
import Logging

/// Turns every error a request ends in into the error page, with its status and the request id.
///
/// A 404 for a path that exists under other methods becomes a 405 with `Allow`. Unexpected errors
/// answer 500 and are logged with the request id; the page never shows internals.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let views: Views
    let routes: any AllowedMethods
    /// Let "no route" errors through to the middleware outside (the static files, then the outer error page),
    /// unless the path exists for other methods (405, answered here).
    var passesUnmatched = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch AppError.signInRequired {
            return SignInRedirect.response(returningTo: request)
        } catch where passesUnmatched && context.endpointPath == RouteTable.unmatchedEndpoint
                        && routes.allowedMethods(for: request.uri.path).isEmpty {
            // No route at all: static files may still answer (outside). A 405 is answered here, with the session.
            throw error
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
