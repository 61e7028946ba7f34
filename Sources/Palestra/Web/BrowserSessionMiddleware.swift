import HTTPTypes
import Hummingbird

/// Finds the browser's session from its cookie, takes the signed-in user's language, and marks every
/// dynamic answer `Cache-Control: no-store` (pages carry CSRF tokens and personal data).
///
/// It also settles the client's address: the peer's, or, behind a reverse proxy, the last address of
/// the configured header (e.g. `X-Forwarded-For`) — the one the proxy itself saw.
struct BrowserSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: BrowserSessionStore
    let clientAddressHeader: HTTPField.Name?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Static files (served from outside, after this returns 404) need no session.
        if request.uri.path.hasPrefix(SiteURL.staticFiles + "/") {
            return try await next(request, context)
        }
        var context = context
        if let header = clientAddressHeader, let value = request.headers[header],
           let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            context.clientAddress = String(last.prefix(64))
        }
        if APISurface.owns(request.uri.path) { return try await next(request, context) }
        if let token = request.cookies[BrowserSessionSettings.cookieName]?.value {
            context.session = try await store.load(token: token)
            if let language = context.session?.user?.language {
                context.language = language
            }
        }
        var response = try await next(request, context)
        if let language = context.session?.user?.language { response.headers[.contentLanguage] = language.rawValue }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        if let session = context.session, !session.flashes.isEmpty, response.status.kind != .redirection {
            try await store.clearFlashes(of: session)
        }
        return response
    }
}
