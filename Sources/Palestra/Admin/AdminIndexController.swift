import Foundation
import Hummingbird

/// `/admin/`: the resources the user may view, with their Add links, and the user's recent actions.
struct AdminIndexController: Sendable {
    /// How many of the user's own changes the index lists.
    static let recentLimit = 10

    let services: AdminServices
    let store: AdminIndexStore

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(AdminURL.index, use: index)
    }

    @Sendable func index(_ request: Request, context: SignedInContext) async throws -> Response {
        let localizer = services.views.localizer(for: context)
        let resources = services.site.visible(to: context.user)
        guard !resources.isEmpty else { throw AppError.forbidden }
        let recent = try await store.recentActions(of: context.user, slugs: resources.map(\.slug), limit: Self.recentLimit)
        let wanted = resources.compactMap { resource -> (resource: AdminResource, ids: [Int])? in
            let ids = recent.filter { $0.slug == resource.slug && $0.action != .delete }.compactMap { Int($0.objectID) }
            return ids.isEmpty ? nil : (resource, ids)
        }
        let existing = try await store.existing(wanted, for: context.user)
        let view = AdminIndexView(
            resources: resources, user: context.user, recent: recent, existing: existing, localizer: localizer, timeZone: services.views.timeZone
        )
        return services.views.render(.adminIndex, title: localizer.t("Administration"), content: view, context: context)
    }
}
