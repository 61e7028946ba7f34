/// Every resource the admin engine serves, by slug.
public struct AdminSite: Sendable {
    public let resources: [AdminResource]

    public init(resources: [AdminResource]) {
        self.resources = resources
    }

    /// Every resource the areas register, in their order.
    static let standard = AdminSite(areas: Area.all)

    init(areas: [Area]) {
        self.init(resources: areas.flatMap(\.resources))
    }

    func resource(_ slug: String?) -> AdminResource? {
        resources.first { $0.slug == slug }
    }

    /// The resources the user may view and that lead them somewhere (``AdminAccess/inMenu``), for the admin
    /// index and the navigation.
    func visible(to user: User) -> [AdminResource] {
        resources.filter { isVisible($0, to: user) }
    }

    /// Whether `resource` is in `user`'s menu: they may view it and its access puts it there.
    func isVisible(_ resource: AdminResource, to user: User) -> Bool {
        resource.allows(.view, for: user) && resource.access.inMenu(user)
    }
}
