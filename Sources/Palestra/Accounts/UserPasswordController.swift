import Hummingbird

/// `/admin/users/<id>/password`: an administrator sets a new password for a user, which signs that
/// user out everywhere.
struct UserPasswordController: Sendable {
    let authenticator: Authenticator
    let services: AdminServices

    func addRoutes(to routes: Routes<SignedInContext>) {
        // Under the engine's `:slug` so the router has one branch for `/admin/<slug>/<id>/…`; other slugs answer 404.
        let page = AdminURL.objectPage(.key, .key, page: .value("password"))
        routes.get(page, use: form)
        routes.post(page, use: save)
    }

    @Sendable func form(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = try await target(context)
        // One's own password changes on the account page, which asks for the current one.
        if user.id == context.user.id { return .redirect(to: AccountsURL.account.path, type: .normal) }
        return render(user, error: nil, context: context)
    }

    @Sendable func save(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = try await target(context)
        guard user.id != context.user.id else { throw AppError.forbidden }
        var request = request
        let form = try await request.formData(context: context)
        let localizer = services.views.localizer(for: context)
        let password = form.value("password") ?? ""
        if let error = PasswordMessages.newPasswordError(
            password, confirmation: form.value("password_confirmation"), email: user.email, name: user.displayName,
            policy: services.passwordPolicy, localizer: localizer
        ) {
            return render(user, error: error, context: context, status: .unprocessableContent)
        }
        try await authenticator.setPassword(password, for: user, by: context.user, keeping: nil, address: context.clientAddress)
        let message = localizer.t("The password of “{label}” was changed; they were signed out everywhere.", ["label": user.email])
        return try await services.redirect(to: AdminURL.changeForm("users", String(user.id)), flash: .success(message), context: context)
    }

    /// The user named by the route, if the signed-in user may change users (404 / 403 otherwise).
    private func target(_ context: SignedInContext) async throws -> User {
        let resource = UsersAdmin.resource
        guard context.parameters.get("slug") == resource.slug else { throw AppError.notFound }
        guard resource.allows(.change, for: context.user) else { throw AppError.forbidden }
        let id = try services.objectID(context)
        guard let stored = try await authenticator.users.credentials(userID: id) else { throw AppError.notFound }
        return stored.user
    }

    private func render(_ user: User, error: String?, context: SignedInContext, status: HTTPResponse.Status = .ok) -> Response {
        let localizer = services.views.localizer(for: context)
        let view = UserPasswordView(user: user, error: error, csrfToken: context.signedInSession.csrfToken, localizer: localizer)
        return services.views.render(.userPassword, title: view.title, content: view, context: context, status: status)
    }
}
