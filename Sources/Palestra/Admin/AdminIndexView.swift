/// `/admin/`: the resources the user may view.
struct AdminIndexView: Sendable {
    struct Entry: Sendable {
        let label: String
        let url: String
    }

    let entries: [Entry]

    init(resources: [AdminResource], localizer: Localizer) {
        entries = resources.map { resource in
            let name = localizer.t(resource.pluralName)
            return Entry(label: name.prefix(1).uppercased() + name.dropFirst(), url: SiteURL.changeList(resource.slug))
        }
    }
}
