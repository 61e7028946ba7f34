import Hummingbird
import Logging

/// The API surface's error format: every error a request under it ends in — thrown by a handler, a
/// middleware, a store, the JSON decoder, or the context's own refusal — answers as an
/// `application/problem+json` document (``APIProblem``). A 500 says nothing of its cause and is logged
/// with the request id; every answer is `Cache-Control: no-store`.
struct APIProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
            return response
        } catch {
            let problem = APIProblem(classifying: error)
            switch problem.code {
            case .internal:
                context.logger.error("API request failed", metadata: ["status": "500", "error": "\(String(reflecting: error))"])
            case .unavailable:
                context.logger.warning("database unavailable", metadata: ["status": "503", "error": "\(error)"])
            default:
                context.logger.debug("API request refused", metadata: ["status": "\(problem.status.code)", "code": "\(problem.code.rawValue)"])
            }
            return problem.response(requestID: context.id)
        }
    }
}
