/// The site's URLs, used both to declare routes and to build links.
public enum SiteURL {
    public static let dashboard = "/"
    public static let health = "/healthz"
    public static let staticFiles = "/static"
}
