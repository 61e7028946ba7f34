import Mustache

/// `/account`: who you are, your interface language, changing your password, and your API tokens.
struct AccountView: Sendable {
    struct Option: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let displayName: String
    let email: String
    let roleLabel: String
    let languageURL = AccountsURL.account.path
    let passwordURL = AccountsURL.accountPassword.path
    let languages: [Option]
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let currentError: String
    let hasCurrentError: Bool
    let newError: String
    let hasNewError: Bool
    let tokens: APITokensView

    init(user: User, csrfToken: String, localizer: Localizer, tokens: APITokensView, currentError: String? = nil, newError: String? = nil) {
        displayName = user.displayName
        email = user.email
        roleLabel = localizer.t(user.role.label)
        languages = [Option(value: "", label: localizer.t("The browser's language"), isSelected: user.language == nil)]
            + Language.allCases.map { Option(value: $0.rawValue, label: $0.nativeName, isSelected: user.language == $0) }
        self.csrfToken = csrfToken
        self.currentError = currentError ?? ""
        hasCurrentError = currentError != nil
        self.newError = newError ?? ""
        hasNewError = newError != nil
        self.tokens = tokens
    }
}

extension AccountView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("displayName", \.displayName), .text("email", \.email), .text("roleLabel", \.roleLabel),
        .text("languageURL", \.languageURL), .text("passwordURL", \.passwordURL), .list("languages", \.languages),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken), .text("currentError", \.currentError),
        .bool("hasCurrentError", \.hasCurrentError), .text("newError", \.newError), .bool("hasNewError", \.hasNewError),
        .object("tokens", \.tokens),
    ])
}

extension AccountView.Option: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected),
    ])
}
