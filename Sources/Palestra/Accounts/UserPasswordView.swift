import Mustache

/// The page where an administrator sets a user's password.
struct UserPasswordView: Sendable {
    let title: String
    let actionURL: String
    let formURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let error: String
    let hasError: Bool

    init(user: User, error: String?, csrfToken: String, localizer: Localizer) {
        title = localizer.t("Set a new password for {label}", ["label": user.email])
        formURL = AdminURL.changeForm("users", String(user.id))
        actionURL = formURL + "password"
        self.csrfToken = csrfToken
        self.error = error ?? ""
        hasError = error != nil
    }
}

extension UserPasswordView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("actionURL", \.actionURL), .text("formURL", \.formURL), .text("csrfField", \.csrfField),
        .text("csrfToken", \.csrfToken), .text("error", \.error), .bool("hasError", \.hasError),
    ])
}
