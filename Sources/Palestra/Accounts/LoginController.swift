import Foundation
import Hummingbird

/// `/login` (public) and `/logout` (signed in).
struct LoginController: Sendable {
    let authenticator: Authenticator
    let browserSessions: BrowserSessionStore
    let views: Views

    func addRoutes(to surfaces: Surfaces) {
        surfaces.session.get(AccountsURL.login, use: form)
        surfaces.session.post(AccountsURL.login, use: login)
        surfaces.signedIn.post(AccountsURL.logout, use: logout)
    }

    /// The form. A browser without a session gets a pre-login one, whose CSRF token the form carries.
    @Sendable func form(_ request: Request, context: AppRequestContext) async throws -> Response {
        let next = SignInRedirect.safeTarget(request.queryData.value("next"))
        if context.session?.user != nil {
            return .redirect(to: next, type: .normal)
        }
        var session = context.session
        if session == nil { session = try await browserSessions.startAnonymous() }
        guard let session else { throw AppError.forbidden }
        let localizer = views.localizer(for: context)
        var notice: String?
        if request.queryData.value("signed-out") != nil { notice = localizer.t("You have signed out.") }
        if request.queryData.value("expired") != nil {
            notice = localizer.t("The sign-in form had expired. Please enter your email and password again.")
        }
        let view = LoginView(csrfToken: session.csrfToken, next: next, notice: notice, noticeIsError: false)
        var response = views.render(.login, title: localizer.t("Sign in"), content: view, context: context)
        if context.session == nil { BrowserSessionCookie.set(session, settings: browserSessions.settings, on: &response) }
        return response
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let session = context.session else { throw AppError.forbidden }
        var request = request
        let form = try await request.formData(context: context)
        let localizer = views.localizer(for: context)
        let email = String((form.value("email") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(254))
        let password = form.value("password") ?? ""
        let next = SignInRedirect.safeTarget(form.value("next"))
        func again(_ status: HTTPResponse.Status, emailError: String? = nil, passwordError: String? = nil, notice: String? = nil) -> Response {
            let view = LoginView(
                csrfToken: session.csrfToken, next: next, email: email, emailError: emailError,
                passwordError: passwordError, notice: notice
            )
            return views.render(.login, title: localizer.t("Sign in"), content: view, context: context, status: status)
        }
        if email.isEmpty || password.isEmpty {
            return again(
                .unprocessableContent,
                emailError: email.isEmpty ? localizer.t("Enter your email address.") : nil,
                passwordError: password.isEmpty ? localizer.t("Enter your password.") : nil
            )
        }
        let deviceToken = LoginDeviceCookie.token(of: request)
        switch try await authenticator.login(
            email: email, password: password, address: context.clientAddress, previous: session, deviceToken: deviceToken
        ) {
        case .refused:
            return again(.unprocessableContent, notice: localizer.t("The email address or the password is not right. Check both and try again."))
        case .throttled(let until):
            let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
            let notice = localizer.t(
                "Too many failed sign-ins. Try again after {time} (in {minutes} min).",
                ["time": localizer.format.dateTime(until, in: views.timeZone), "minutes": localizer.format.number(minutes)]
            )
            var response = again(.tooManyRequests, notice: notice)
            response.headers[.retryAfter] = String(max(1, Int(until.timeIntervalSinceNow.rounded(.up))))
            return response
        case .signedIn(let newSession, let device):
            var response = Response.redirect(to: next, type: .normal)
            BrowserSessionCookie.set(newSession, settings: browserSessions.settings, on: &response)
            LoginDeviceCookie.set(device, settings: browserSessions.settings, on: &response)
            return response
        }
    }

    @Sendable func logout(_ request: Request, context: SignedInContext) async throws -> Response {
        try await authenticator.logout(context.signedInSession, user: context.user, address: context.clientAddress)
        var response = Response.redirect(to: AccountsURL.login.path + "?signed-out=1", type: .normal)
        BrowserSessionCookie.clear(settings: browserSessions.settings, on: &response)
        return response
    }
}
