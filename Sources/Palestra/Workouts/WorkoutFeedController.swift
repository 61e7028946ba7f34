import Foundation
import Hummingbird

/// `/workouts/feed/<token>/workouts.ics`: a user's workouts for phone calendars, behind the secret of their link
/// (no session: calendar apps fetch it by themselves). An unknown or rotated token answers 404.
struct WorkoutFeedController: Sendable {
    let planner: WorkoutPlanner
    let feeds: WorkoutFeedStore

    func addRoutes(to routes: Routes<AppRequestContext>) {
        routes.get(WorkoutURL.feed(.key), use: feed)
    }

    @Sendable func feed(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let token = context.parameters.get("token"), let owner = try await feeds.owner(token: token) else {
            return Response(status: .notFound)
        }
        let access = WorkoutAccess(userID: owner, seesEveryone: false)
        let workouts = try await planner.store.workouts(access: access, includingArchived: true)
        let children = try await WorkoutOccurrenceStore.occurrences(ofWorkouts: workouts.map(\.id), on: planner.database)
        let calendar = WorkoutICalendar(workouts: workouts, children: children, stamp: Date())
        var headers = HTTPFields()
        headers[.contentType] = "text/calendar; charset=utf-8"
        headers[.cacheControl] = "private, max-age=300"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: calendar.text)))
    }
}
