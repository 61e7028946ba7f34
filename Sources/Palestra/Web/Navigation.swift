/// The main navigation, in the request's language, for the signed-in user's role. Each area adds its
/// entry here.
enum Navigation {
    static func links(for context: some PageRequestContext, localizer: Localizer) -> [NavigationLink] {
        guard let user = context.session?.user else { return [] }
        let path = context.endpointPath ?? ""
        var links = [
            NavigationLink(label: localizer.t("Dashboard"), href: SiteURL.dashboard, isCurrent: path == SiteURL.dashboard),
        ]
        if user.isAdmin {
            links.append(NavigationLink(label: localizer.t("Users"), href: SiteURL.changeList("users"), isCurrent: path.hasPrefix("/admin/:slug") && context.parameters.get("slug") == "users"))
            links.append(NavigationLink(label: localizer.t("Audit log"), href: SiteURL.changeList("audit"), isCurrent: path.hasPrefix("/admin/:slug") && context.parameters.get("slug") == "audit"))
        }
        return links
    }
}
