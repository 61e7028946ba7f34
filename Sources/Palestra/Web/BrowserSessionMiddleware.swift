import HTTPTypes
import Hummingbird

/// On the session surface: finds the browser's session from its cookie, takes the signed-in user's
/// language, and clears the flash messages a page has shown.
struct BrowserSessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let store: BrowserSessionStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[BrowserSessionSettings.cookieName]?.value {
            context.session = try await store.load(token: token)
            if let language = context.session?.user?.language {
                context.language = language
            }
        }
        var response = try await next(request, context)
        if let language = context.session?.user?.language { response.headers[.contentLanguage] = language.rawValue }
        if let session = context.session, !session.flashes.isEmpty, response.status.kind != .redirection {
            try await store.clearFlashes(of: session)
        }
        return response
    }
}
