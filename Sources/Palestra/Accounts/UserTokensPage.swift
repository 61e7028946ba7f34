import Hummingbird

/// `/admin/users/<id>/tokens`, an object page of ``UsersAdmin``: an administrator makes and revokes API tokens
/// for any user, as each user does for themselves on `/account`.
enum UserTokensPage {
    static let page = AdminObjectPage("tokens", show: show, submit: submit)

    @Sendable static func show(_ page: AdminObjectPageRequest) async throws -> Response {
        try await render(try await UserPasswordPage.target(page), page)
    }

    @Sendable static func submit(_ page: AdminObjectPageRequest) async throws -> Response {
        let user = try await UserPasswordPage.target(page)
        var request = page.request
        let form = try await request.formData(context: page.context)
        let localizer = page.services.views.localizer(for: page.context)
        switch try await APITokenForm.submit(form, owner: user.id, tokens: page.services.apiTokens, localizer: localizer) {
        case .issued(let issued):
            return try await render(user, page, issued: issued)
        case .invalid(let name, let error):
            return try await render(user, page, entered: name, error: error, status: .unprocessableContent)
        case .revoked(let token, let already):
            return try await page.services.redirect(
                to: UserTokensView.url(of: user), flash: APITokenForm.revokedFlash(token, already: already, localizer: localizer),
                context: page.context
            )
        }
    }

    private static func render(
        _ user: User, _ page: AdminObjectPageRequest, issued: IssuedAPIToken? = nil, entered: String = "", error: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let views = page.services.views, context = page.context
        let localizer = views.localizer(for: context)
        let tokens = APITokensView(
            try await page.services.apiTokens.tokens(ofUser: user.id), actionURL: UserTokensView.url(of: user),
            csrfToken: context.signedInSession.csrfToken, localizer: localizer, timeZone: views.timeZone,
            issued: issued, entered: entered, error: error
        )
        let view = UserTokensView(user: user, tokens: tokens, localizer: localizer)
        return views.render(.userTokens, title: view.title, content: view, context: context, status: status)
    }
}
