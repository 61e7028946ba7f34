import Hummingbird

/// Turns away a client address past its limit with 429 and `Retry-After` before the handler runs:
/// `group.add(middleware: RateLimitMiddleware(limit, store: store))`, on any surface's group or on
/// one route. It throws ``AppError/tooManyRequests(retryAfter:)``, which each surface's error format
/// renders (an HTML page, or a `rate_limited` problem document under `/api/`). A limit of 0 counts nothing.
public struct RateLimitMiddleware<Context: ClientAddressedContext>: RouterMiddleware {
    let limit: RateLimit
    let store: RateLimitStore

    public init(_ limit: RateLimit, store: RateLimitStore) {
        self.limit = limit
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !limit.isOff, let seconds = try await store.hit(limit, address: context.clientAddress) {
            context.logger.notice("rate limit reached", metadata: ["bucket": "\(limit.bucket)", "address": "\(context.clientAddress)"])
            throw AppError.tooManyRequests(retryAfter: seconds)
        }
        return try await next(request, context)
    }
}
