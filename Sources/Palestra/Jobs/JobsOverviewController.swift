import Foundation
import Hummingbird

/// `/admin/jobs-overview`: the queue at a glance for administrators — jobs by state and kind, the
/// periodic jobs with their last and next fire, the worker processes and their heartbeats.
struct JobsOverviewController: Sendable {
    let store: JobDashboardStore
    let views: Views
    /// The periodic jobs this deployment schedules.
    let periodicJobs: [PeriodicJob]

    /// Administrators only.
    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.restricted(to: .admins).get(JobsURL.overview, use: show)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let counts = try await store.stateCounts()
        let fires = try await store.latestFires(of: periodicJobs.map(\.name))
        let workers = try await store.workers()
        let view = JobsOverviewView(
            counts: counts, periodicJobs: periodicJobs, fires: fires, workers: workers, now: Date(),
            timeZone: views.timeZone, localizer: views.localizer(for: context)
        )
        return views.render(.jobsOverview, title: view.title, content: view, context: context)
    }
}
