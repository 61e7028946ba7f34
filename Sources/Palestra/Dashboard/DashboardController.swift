import Foundation
import Hummingbird
import Postgres

/// `GET /`: the dashboard, the page everyone lands on.
struct DashboardController: Sendable {
    let store: DashboardStore
    let views: Views

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(SiteURL.dashboard, use: show)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let state = try await store.schemaState()
        let localizer = views.localizations.localizer(for: context.language)
        let view = DashboardView(state: state, now: Date(), timeZone: views.timeZone, localizer: localizer)
        return views.render(.dashboard, title: localizer.t("Dashboard"), content: view, context: context)
    }
}
