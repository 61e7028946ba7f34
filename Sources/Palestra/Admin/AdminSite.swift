/// Every resource the admin engine serves, by slug.
public struct AdminSite: Sendable {
    public let resources: [AdminResource]

    public init(resources: [AdminResource]) {
        self.resources = resources
    }

    /// Every resource Palestra registers.
    static let standard = AdminSite(resources: [
        UsersAdmin.resource, TrainingGroupsAdmin.resource, TrainingSessionsAdmin.resource, AthletesAdmin.resource, AttendanceAdmin.resource,
        AuditAdmin.resource, JobsAdmin.resource,
    ])

    func resource(_ slug: String?) -> AdminResource? {
        resources.first { $0.slug == slug }
    }

    /// The resources the user may view, for the admin index and the navigation.
    func visible(to user: User) -> [AdminResource] {
        resources.filter { $0.allows(.view, for: user) }
    }
}
