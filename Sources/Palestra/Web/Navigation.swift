/// The main navigation, built from the areas' entries and the admin resources: the entries of the start
/// slot (the dashboard, notifications, the coach's sessions), every admin resource the user's role may view,
/// then reports and the system's pages — each only for the roles its area names.
struct Navigation: Sendable {
    let entries: [NavigationEntry]
    let site: AdminSite
    /// The menu in order — the start slot's entries, the admin resources, then the rest — with each address
    /// written once and each label once per language: a request only keeps what its user may see and marks the
    /// current one (every page's menu looked up and wrote them again, ~5 % of a small page's time).
    private let items: [Item]
    private let labels: [Language: [String]]

    private struct Item: Sendable {
        enum Source: Sendable {
            case entry(NavigationEntry)
            case resource(AdminResource)
        }
        let source: Source
        let href: String
    }

    init(areas: [Area], localizations: Localizations) {
        let entries = areas.flatMap(\.navigation).enumerated().sorted { ($0.element.slot, $0.offset) < ($1.element.slot, $1.offset) }.map(\.element)
        let site = AdminSite(resources: areas.flatMap(\.resources))
        func entryItems(_ slots: (NavigationEntry) -> Bool) -> [Item] {
            entries.filter(slots).map { Item(source: .entry($0), href: $0.url.path) }
        }
        let items = entryItems { $0.slot < .resources }
            + site.resources.map { Item(source: .resource($0), href: AdminURL.changeList($0.slug)) }
            + entryItems { $0.slot > .resources }
        self.entries = entries
        self.site = site
        self.items = items
        var labels: [Language: [String]] = [:]
        for language in Language.allCases {
            let localizer = localizations.localizer(for: language)
            labels[language] = items.map { item in
                switch item.source {
                case .entry(let entry): localizer.t(entry.label)
                case .resource(let resource): resource.title(localizer)
                }
            }
        }
        self.labels = labels
    }

    /// `/admin/:slug`, the start of every admin engine route of a resource.
    private static let adminPattern = String(AdminURL.changeList(.key).path.dropLast())

    func links(for context: some PageRequestContext, localizer: Localizer) -> [NavigationLink] {
        guard let user = context.session?.user, let labels = labels[localizer.language] else { return [] }
        let path = context.endpointPath ?? ""
        let slug = path.hasPrefix(Self.adminPattern) ? context.parameters.get("slug") : nil
        var links: [NavigationLink] = []
        for (item, label) in zip(items, labels) {
            switch item.source {
            case .entry(let entry) where entry.policy.allows(user):
                links.append(NavigationLink(label: label, href: item.href, isCurrent: entry.isCurrent(endpointPath: path, href: item.href)))
            case .resource(let resource) where site.isVisible(resource, to: user):
                links.append(NavigationLink(label: label, href: item.href, isCurrent: slug == resource.slug))
            default:
                break
            }
        }
        return links
    }
}
