/// The main navigation, built from the areas' entries and the admin resources: the entries of the start
/// slot (the dashboard, notifications, the coach's sessions), every admin resource the user's role may view,
/// then reports and the system's pages — each only for the roles its area names.
struct Navigation: Sendable {
    let entries: [NavigationEntry]
    let site: AdminSite

    init(areas: [Area]) {
        entries = areas.flatMap(\.navigation).enumerated().sorted { ($0.element.slot, $0.offset) < ($1.element.slot, $1.offset) }.map(\.element)
        site = AdminSite(resources: areas.flatMap(\.resources))
    }

    /// `/admin/:slug`, the start of every admin engine route of a resource.
    private static let adminPattern = String(AdminURL.changeList(.key).path.dropLast())

    func links(for context: some PageRequestContext, localizer: Localizer) -> [NavigationLink] {
        guard let user = context.session?.user else { return [] }
        let path = context.endpointPath ?? ""
        let slug = path.hasPrefix(Self.adminPattern) ? context.parameters.get("slug") : nil
        func link(_ entry: NavigationEntry) -> NavigationLink {
            NavigationLink(label: localizer.t(entry.label), href: entry.url.path, isCurrent: entry.isCurrent(endpointPath: path))
        }
        let visible = entries.filter { $0.policy.allows(user) }
        var links = visible.filter { $0.slot < .resources }.map(link)
        for resource in site.visible(to: user) {
            links.append(NavigationLink(label: resource.title(localizer), href: AdminURL.changeList(resource.slug), isCurrent: slug == resource.slug))
        }
        links += visible.filter { $0.slot > .resources }.map(link)
        return links
    }
}
