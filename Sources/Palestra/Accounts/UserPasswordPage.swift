import Hummingbird

/// `/admin/users/<id>/password`, an object page of ``UsersAdmin``: an administrator sets a new password
/// for a user, which signs that user out everywhere.
enum UserPasswordPage {
    static let page = AdminObjectPage("password", show: form, submit: save)

    @Sendable static func form(_ page: AdminObjectPageRequest) async throws -> Response {
        let user = try await target(page)
        // One's own password changes on the account page, which asks for the current one.
        if user.id == page.context.user.id { return .redirect(to: AccountsURL.account.path, type: .normal) }
        return render(user, error: nil, page)
    }

    @Sendable static func save(_ page: AdminObjectPageRequest) async throws -> Response {
        let user = try await target(page)
        let context = page.context, services = page.services
        guard user.id != context.user.id else { throw AppError.forbidden }
        var request = page.request
        let form = try await request.formData(context: context)
        let localizer = services.views.localizer(for: context)
        let password = form.value("password") ?? ""
        if let error = PasswordMessages.newPasswordError(
            password, confirmation: form.value("password_confirmation"), email: user.email, name: user.displayName,
            policy: services.passwordPolicy, localizer: localizer
        ) {
            return render(user, error: error, page, status: .unprocessableContent)
        }
        try await services.authenticator.setPassword(password, for: user, by: context.user, keeping: nil, address: context.clientAddress)
        let message = localizer.t("The password of “{label}” was changed; they were signed out everywhere.", ["label": user.email])
        return try await services.redirect(to: AdminURL.changeForm(page.resource.slug, String(user.id)), flash: .success(message), context: context)
    }

    /// The user named by the route (404 when there is none); ``UserTokensPage`` reads it the same way.
    static func target(_ page: AdminObjectPageRequest) async throws -> User {
        guard let stored = try await page.services.authenticator.users.credentials(userID: page.objectID) else { throw AppError.notFound }
        return stored.user
    }

    private static func render(_ user: User, error: String?, _ page: AdminObjectPageRequest, status: HTTPResponse.Status = .ok) -> Response {
        let views = page.services.views, context = page.context
        let view = UserPasswordView(user: user, error: error, csrfToken: context.signedInSession.csrfToken, localizer: views.localizer(for: context))
        return views.render(.userPassword, title: view.title, content: view, context: context, status: status)
    }
}
