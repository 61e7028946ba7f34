import Mustache

/// What the layout shows around every page: language, title, stylesheet, navigation, flash
/// messages and the page's own view model under `content`.
///
/// Its table (below) is built once per content type: `Page<AdminListView>`, `Page<DashboardView>`…
public struct Page<Content: Sendable>: Sendable {
    public let lang: String
    public let title: String
    public let appName = "Palestra"
    public let homeURL = SiteURL.dashboard.path
    public let stylesheetURL: String
    public let iconURL: String
    public let navigation: [NavigationLink]
    /// The signed-in user's name, account link and logout form; `nil` before sign-in.
    public let account: PageAccount?
    /// Messages left by the previous request (a redirect after a successful form), shown once.
    public let flashes: [FlashMessage]
    public let hasFlashes: Bool
    public let requestID: String
    public let content: Content

    init(
        lang: String, title: String, stylesheetURL: String, iconURL: String,
        navigation: [NavigationLink], account: PageAccount? = nil, flashes: [FlashMessage] = [], requestID: String, content: Content
    ) {
        self.lang = lang
        self.title = title
        self.stylesheetURL = stylesheetURL
        self.iconURL = iconURL
        self.navigation = navigation
        self.account = account
        self.flashes = flashes
        self.hasFlashes = !flashes.isEmpty
        self.requestID = requestID
        self.content = content
    }
}

extension Page: MustacheObject where Content: MustacheObject {
    /// One table per content type, built on first use (a generic type cannot store a static property).
    public static var mustacheTable: MustacheTable {
        MustacheTableCache.table(for: Self.self) {
            MustacheTable(for: Self.self, [
                .text("lang", \.lang), .text("title", \.title), .text("appName", \.appName), .text("homeURL", \.homeURL),
                .text("stylesheetURL", \.stylesheetURL), .text("iconURL", \.iconURL), .list("navigation", \.navigation),
                .object("account", \.account), .list("flashes", \.flashes), .bool("hasFlashes", \.hasFlashes),
                .text("requestID", \.requestID), .object("content", \.content),
            ])
        }
    }
}
