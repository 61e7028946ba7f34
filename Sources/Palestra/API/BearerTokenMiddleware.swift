import Hummingbird

/// Checks the `Authorization: Bearer …` header of API requests and puts the token's credential in
/// the context. A header that is there but names no live token answers 401 at once; a missing header
/// is left to the routes (``APIRequestContext`` refuses it, an open endpoint may allow it).
/// Cookies are never read.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let tokens: APITokenStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIProblem.unauthenticated(detail: "The Authorization header must be \"Bearer <token>\".", error: "invalid_request")
        }
        guard let credential = try await tokens.authenticate(secret: parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw APIProblem.unauthenticated(detail: "The API token is unknown, revoked, or its user is deactivated.", error: "invalid_token")
        }
        var context = context
        context.apiCredential = credential
        return try await next(request, context)
    }
}
