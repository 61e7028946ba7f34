import HTTPTypes
import Hummingbird

/// Settles the client's address for every surface (rate limits, sign-in throttling, the audit log): the
/// peer's, or, behind a reverse proxy, the last address of the configured header (e.g.
/// `X-Forwarded-For`) — the one the proxy itself saw. Without a configured header, the first request that
/// comes through a proxy logs a warning (``ProxyHeaderWarning``).
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let header: HTTPField.Name?
    let proxyWarning = ProxyHeaderWarning()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header else {
            proxyWarning.check(request, logger: context.logger)
            return try await next(request, context)
        }
        var context = context
        if let value = request.headers[header], let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            context.clientAddress = String(last.prefix(64))
        }
        return try await next(request, context)
    }
}
