import Mustache

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

extension LoginView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("actionURL", \.actionURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken), .text("next", \.next),
        .text("email", \.email), .text("emailError", \.emailError), .bool("hasEmailError", \.hasEmailError),
        .text("passwordError", \.passwordError), .bool("hasPasswordError", \.hasPasswordError), .text("notice", \.notice),
        .bool("hasNotice", \.hasNotice), .bool("noticeIsError", \.noticeIsError),
    ])
}
