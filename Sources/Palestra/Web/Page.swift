/// What the layout shows around every page: language, title, stylesheet, navigation, flash
/// messages and the page's own view model under `content`.
///
/// Every property is stored: swift-mustache renders stored properties only.
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
