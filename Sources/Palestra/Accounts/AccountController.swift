import Hummingbird

/// `/account`: every signed-in user's own settings — interface language, password and API tokens.
struct AccountController: Sendable {
    let authenticator: Authenticator
    let users: UserStore
    let browserSessions: BrowserSessionStore
    let policy: PasswordPolicy
    let tokens: APITokenStore
    let views: Views

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(AccountsURL.account, use: show)
        routes.post(AccountsURL.account, use: setLanguage)
        routes.post(AccountsURL.accountPassword, use: changePassword)
        routes.post(AccountsURL.accountTokens, use: manageTokens)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        try await render(context: context)
    }

    /// Makes a token (the page shows its secret once) or revokes one of the user's own.
    @Sendable func manageTokens(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = try await request.formData(context: context)
        let localizer = views.localizer(for: context)
        let outcome = try await APITokenForm.submit(form, owner: context.user.id, tokens: tokens, localizer: localizer)
        switch outcome {
        case .issued(let issued):
            return try await render(context: context, issued: issued)
        case .invalid(let name, let error):
            return try await render(context: context, enteredName: name, nameError: error, status: .unprocessableContent)
        case .revoked(let token, let already):
            return try await browserSessions.redirect(
                to: AccountsURL.account.path,
                flash: APITokenForm.revokedFlash(token, already: already, localizer: localizer), session: context.signedInSession
            )
        }
    }

    @Sendable func setLanguage(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = try await request.formData(context: context)
        let code = form.value("language") ?? ""
        guard code.isEmpty || Language(rawValue: code) != nil else { throw AppError.badRequest }
        let language = Language(rawValue: code)
        try await users.setLanguage(userID: context.user.id, to: language)
        // The message speaks the language the pages will now have: the chosen one, or the browser's.
        let localizer = views.localizations.localizer(for: language ?? context.browserLanguage)
        return try await browserSessions.redirect(
            to: AccountsURL.account.path, flash: .success(localizer.t("Your interface language was saved.")), session: context.signedInSession
        )
    }

    /// Needs the current password; ends the user's other sessions.
    @Sendable func changePassword(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = try await request.formData(context: context)
        let localizer = views.localizer(for: context)
        let current = form.value("current_password") ?? ""
        let new = form.value("new_password") ?? ""
        var currentError: String?
        if current.isEmpty {
            currentError = localizer.t("Enter your current password.")
        } else {
            switch try await authenticator.checkCurrentPassword(
                current, of: context.user, address: context.clientAddress, deviceToken: LoginDeviceCookie.token(of: request)
            ) {
            case .right: break
            case .wrong: currentError = localizer.t("This is not your current password.")
            case .throttled(let until):
                let time = localizer.format.dateTime(until, in: views.timeZone)
                currentError = localizer.t("Too many wrong passwords. Try again after {time}.", ["time": time])
            }
        }
        let newError = PasswordMessages.newPasswordError(
            new, confirmation: form.value("new_password_confirmation"), email: context.user.email,
            name: context.user.displayName, policy: policy, localizer: localizer
        )
        guard currentError == nil, newError == nil else {
            return try await render(context: context, currentError: currentError, newError: newError, status: .unprocessableContent)
        }
        try await authenticator.setPassword(
            new, for: context.user, by: context.user, keeping: context.signedInSession, address: context.clientAddress
        )
        return try await browserSessions.redirect(
            to: AccountsURL.account.path, flash: .success(localizer.t("Your password was changed. You were signed out everywhere else.")),
            session: context.signedInSession
        )
    }

    private func render(
        context: SignedInContext, currentError: String? = nil, newError: String? = nil,
        issued: IssuedAPIToken? = nil, enteredName: String = "", nameError: String? = nil, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let localizer = views.localizer(for: context)
        let csrfToken = context.signedInSession.csrfToken
        let tokenCard = APITokensView(
            try await tokens.tokens(ofUser: context.user.id), actionURL: AccountsURL.accountTokens.path, csrfToken: csrfToken,
            localizer: localizer, timeZone: views.timeZone, issued: issued, entered: enteredName, error: nameError
        )
        let view = AccountView(
            user: context.user, csrfToken: csrfToken, localizer: localizer, tokens: tokenCard,
            currentError: currentError, newError: newError
        )
        return views.render(.account, title: localizer.t("Your account"), content: view, context: context, status: status)
    }
}
