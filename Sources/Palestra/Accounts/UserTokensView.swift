import Mustache

/// The page where an administrator manages a user's API tokens.
struct UserTokensView: Sendable {
    let title: String
    let formURL: String
    let tokens: APITokensView

    init(user: User, tokens: APITokensView, localizer: Localizer) {
        title = localizer.t("API tokens of {label}", ["label": user.email])
        formURL = AdminURL.changeForm("users", String(user.id))
        self.tokens = tokens
    }

    /// The page's own address, where its forms post.
    static func url(of user: User) -> String {
        AdminURL.changeForm("users", String(user.id)) + UserTokensPage.page.name
    }
}

extension UserTokensView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("formURL", \.formURL), .object("tokens", \.tokens),
    ])
}
