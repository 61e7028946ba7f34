/// The main navigation, in the request's language. Each area adds its entry here.
enum Navigation {
    static func links(for context: AppRequestContext, localizer: Localizer) -> [NavigationLink] {
        let path = context.endpointPath ?? ""
        return [
            NavigationLink(label: localizer.t("Dashboard"), href: SiteURL.dashboard, isCurrent: path == SiteURL.dashboard),
        ]
    }
}
