import HTTPTypes
import Hummingbird

/// Adds the security headers to every response, error pages included, and marks every answer that says
/// nothing of caching `Cache-Control: no-store` (pages carry CSRF tokens and personal data; static files
/// say how long they keep).
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headers: [(HTTPField.Name, String)] {
        [
            (.contentSecurityPolicy,
             "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
            (.xContentTypeOptions, "nosniff"),
            (.referrerPolicy, "strict-origin-when-cross-origin"),
            (.xFrameOptions, "DENY"),
        ]
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        for (name, value) in Self.headers {
            response.headers[name] = value
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let xRequestID = Self("X-Request-Id")!
}
