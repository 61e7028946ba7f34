import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Logs one line per request when it ends — method, path, status, duration — with the request id
/// (`hb.request.id`) in its metadata, and returns that id in `X-Request-Id`.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "\(request.method) \(request.uri.path) \(response.status.code)",
            metadata: ["duration_ms": "\((milliseconds * 10).rounded() / 10)"]
        )
        response.headers[.xRequestID] = context.id
        return response
    }
}
