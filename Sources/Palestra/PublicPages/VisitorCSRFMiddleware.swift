import Hummingbird

/// The public pages' CSRF defence, with no sign-in and no row per visitor (a signed double submit):
/// every browser gets an anonymous random cookie (`HttpOnly`, `SameSite=Lax`, `Path=/`, `Secure` over
/// HTTPS) and its pages a form token, the cookie's HMAC under the site's secret. A state-changing
/// request (anything but GET, HEAD and OPTIONS) must come from this site (``CSRFMiddleware/isSameOrigin(_:)``),
/// send back its cookie, and carry that cookie's token in `csrf_token`; otherwise 403 before any handler.
struct VisitorCSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let signer: VisitorTokenSigner
    let secureCookie: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let sent = request.cookies[Visitor.cookieName].map(\.value).flatMap { SessionToken.isWellFormed($0) ? $0 : nil }
        var request = request
        switch request.method {
        case .get, .head, .options:
            break
        default:
            guard CSRFMiddleware.isSameOrigin(request) else {
                context.logger.notice("cross-site public form refused", metadata: ["origin": "\(request.headers[.origin] ?? "")"])
                throw AppError.forbidden
            }
            let form = try await request.formData(context: context)
            guard let sent, let token = form.value(CSRFMiddleware.fieldName), try await signer.matches(token, cookie: sent) else {
                context.logger.notice("public form with a missing or wrong CSRF token refused")
                throw AppError.forbidden
            }
        }
        let cookie = sent ?? SessionToken.make()
        let visitor = Visitor(cookie: cookie, csrfToken: try await signer.token(for: cookie), isNew: sent == nil)
        var context = context
        context.visitor = visitor
        var response = try await next(request, context)
        if visitor.isNew {
            response.setCookie(Cookie(
                name: Visitor.cookieName, value: cookie, path: "/", secure: secureCookie, httpOnly: true, sameSite: .lax
            ))
        }
        return response
    }
}
