import HTTPTypes
import Hummingbird

/// On the session surface (every signed-in page and the login form): refuses every state-changing
/// request (anything but GET, HEAD and OPTIONS) that is not a form of this site: one sent from another site (`Sec-Fetch-Site`, `Origin`), one without a session, or one
/// whose `csrf_token` field is not the session's token. Refusals answer 403 before any handler runs.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let fieldName = "csrf_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options:
            return try await next(request, context)
        default:
            break
        }
        guard Self.isSameOrigin(request) else {
            context.logger.notice("cross-site form refused", metadata: ["origin": "\(request.headers[.origin] ?? "")"])
            throw AppError.forbidden
        }
        guard let session = context.session else {
            // A login form left open past its pre-login session's life: start again, with a word why.
            if request.uri.path == AccountsURL.login.path { return .redirect(to: AccountsURL.login.path + "?expired=1", type: .normal) }
            throw AppError.forbidden
        }
        var request = request
        let form = try await request.formData(context: context)
        guard let token = form.value(Self.fieldName), SessionToken.matches(token, session.csrfToken) else {
            context.logger.notice("form with a missing or wrong CSRF token refused")
            throw AppError.forbidden
        }
        return try await next(request, context)
    }

    /// False when the browser says the request came from another site.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite]?.lowercased(), site != "same-origin", site != "none" {
            return false
        }
        if let origin = request.headers[.origin] {
            guard let host = request.head.authority else { return false }
            let bare = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
            return bare.map(String.init)?.lowercased() == host.lowercased()
        }
        return true
    }
}

extension HTTPField.Name {
    static let secFetchSite = Self("Sec-Fetch-Site")!
}
