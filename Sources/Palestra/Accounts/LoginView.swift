/// The login page's view model.
struct LoginView: Sendable {
    let actionURL = AccountsURL.login.path
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let next: String
    let email: String
    let emailError: String
    let hasEmailError: Bool
    let passwordError: String
    let hasPasswordError: Bool
    /// A message about the whole form (wrong credentials, throttled, signed out).
    let notice: String
    let hasNotice: Bool
    let noticeIsError: Bool

    init(
        csrfToken: String, next: String, email: String = "", emailError: String? = nil, passwordError: String? = nil,
        notice: String? = nil, noticeIsError: Bool = true
    ) {
        self.csrfToken = csrfToken
        self.next = next
        self.email = email
        self.emailError = emailError ?? ""
        hasEmailError = emailError != nil
        self.passwordError = passwordError ?? ""
        hasPasswordError = passwordError != nil
        self.notice = notice ?? ""
        hasNotice = notice != nil
        self.noticeIsError = noticeIsError
    }
}
