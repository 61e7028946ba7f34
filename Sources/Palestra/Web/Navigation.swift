import Hummingbird

/// The main navigation, built from the areas' entries and the admin resources: the entries of the start
/// slot (the dashboard, notifications, the coach's sessions), every admin resource the user's role may view,
/// then reports and the system's pages — each only for the roles its area names.
struct Navigation: Sendable {
    let site: AdminSite
    /// The menu in order — the start slot's entries, the admin resources, then the rest — with each address
    /// written once and each label once per language: a request only keeps what its user may see and marks the
    /// current one (every page's menu looked up and wrote them again, ~5 % of a small page's time).
    private let items: [Item]
    private let labels: [Language: [String]]

    /// What a request needs of a menu entry: who may see it and how it is current. (An item holds no entry or
    /// resource itself: copying those out of the list for every link was most of the menu's time.)
    private struct Item: Sendable {
        enum Source: Sendable {
            case entry(policy: RolePolicy, matchesBelow: Bool)
            /// The resource's place in `site.resources`.
            case resource(index: Int)
        }
        let source: Source
        let href: String
    }

    init(areas: [Area], localizations: Localizations) {
        let entries = areas.flatMap(\.navigation).enumerated().sorted { ($0.element.slot, $0.offset) < ($1.element.slot, $1.offset) }.map(\.element)
        let site = AdminSite(resources: areas.flatMap(\.resources))
        func entryItems(_ slots: (NavigationEntry) -> Bool) -> [(Item, label: (Localizer) -> String)] {
            entries.filter(slots).map { entry in
                (Item(source: .entry(policy: entry.policy, matchesBelow: entry.matchesBelow), href: entry.url.path), { $0.t(entry.label) })
            }
        }
        let menu = entryItems { $0.slot < .resources }
            + site.resources.indices.map { index in
                let resource = site.resources[index]
                return (Item(source: .resource(index: index), href: AdminURL.changeList(resource.slug)), { resource.title($0) })
            }
            + entryItems { $0.slot > .resources }
        let items = menu.map(\.0)
        self.site = site
        self.items = items
        var labels: [Language: [String]] = [:]
        for language in Language.allCases {
            let localizer = localizations.localizer(for: language)
            labels[language] = menu.map { $0.label(localizer) }
        }
        self.labels = labels
    }

    /// `/admin/{slug}`, the start of every admin engine route of a resource, as Hummingbird names a matched route
    /// (`endpointPath` writes a capture as `{slug}`, not `:slug` as the route was declared).
    private static let adminPattern = RouterPath(AdminURL.changeList(.key).path).description

    func links(for context: some PageRequestContext, localizer: Localizer) -> [NavigationLink] {
        guard let user = context.session?.user, let labels = labels[localizer.language] else { return [] }
        let path = context.endpointPath ?? ""
        let slug = path.hasPrefix(Self.adminPattern) ? context.parameters.get("slug") : nil
        var links: [NavigationLink] = []
        for index in items.indices {
            switch items[index].source {
            case .entry(let policy, let matchesBelow) where policy.allows(user):
                let href = items[index].href
                links.append(NavigationLink(label: labels[index], href: href, isCurrent: matchesBelow ? path.hasPrefix(href) : path == href))
            case .resource(let resource) where site.isVisible(site.resources[resource], to: user):
                links.append(NavigationLink(label: labels[index], href: items[index].href, isCurrent: slug == site.resources[resource].slug))
            default:
                break
            }
        }
        return links
    }
}
