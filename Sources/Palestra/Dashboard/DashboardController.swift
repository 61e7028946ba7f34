import Foundation
import Hummingbird
import Postgres

/// `GET /`: where a signed-in user lands. A coach is sent on to their sessions; an administrator sees
/// the day at the desk (``DashboardView``); managers and students see the day and their notifications,
/// managers with a way to the attendance reports.
struct DashboardController: Sendable {
    /// How far back the journals left unmarked and the low attendance look.
    static let windowDays = 30
    /// How many journals left unmarked and athletes under the threshold the page lists.
    static let listLimit = 20

    let store: DashboardStore
    let views: Views
    let attendanceWarningPercent: Int

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(SiteURL.dashboard, use: show)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        if context.user.role == .coach { return .redirect(to: AttendanceURL.mySessions.path, type: .normal) }
        let localizer = views.localizer(for: context)
        let now = Date()
        let today = CalendarDate.today(in: views.timeZone, now: now)
        var desk: DashboardView.Desk?
        if context.user.isAdmin {
            let from = today.adding(days: -Self.windowDays) ?? today
            desk = DashboardView.Desk(
                today: try await store.sessions(on: today),
                unmarked: try await store.unmarkedSessions(from: from, before: today, limit: Self.listLimit),
                low: try await store.lowAttendance(from: from, before: today.adding(days: 1) ?? today, percent: attendanceWarningPercent, limit: Self.listLimit),
                day: today, days: Self.windowDays, threshold: attendanceWarningPercent, schema: try await store.schemaState(),
                now: now, timeZone: views.timeZone, localizer: localizer
            )
        }
        let view = DashboardView(
            today: today, unreadNotifications: context.signedInSession.unreadNotifications, desk: desk,
            showsReports: context.user.role == .manager, localizer: localizer
        )
        return views.render(.dashboard, title: localizer.t("Dashboard"), content: view, context: context)
    }
}
