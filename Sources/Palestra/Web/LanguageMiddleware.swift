import Hummingbird

/// Chooses the interface language of a request: the signed-in user's setting, else the browser's
/// `Accept-Language`, else the configured default.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let defaultLanguage: Language

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.browserLanguage = request.headers[.acceptLanguage].flatMap(Language.preferred(byAcceptLanguage:)) ?? defaultLanguage
        context.language = context.browserLanguage
        var response = try await next(request, context)
        // A signed-in user's own language (set further in, by the session) has already said so.
        if response.headers[.contentLanguage] == nil { response.headers[.contentLanguage] = context.language.rawValue }
        response.headers[.vary] = "Accept-Language, Cookie"
        return response
    }
}
