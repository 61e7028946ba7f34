import Foundation
import Hummingbird
import Postgres

/// The workout pages of every signed-in user (their own workouts; administrators see everyone's): the list, the
/// month calendar, a date's page with Start and Cancel, the tracking page with Complete, and the form.
struct WorkoutController: Sendable {
    let planner: WorkoutPlanner
    let feeds: WorkoutFeedStore
    let browserSessions: BrowserSessionStore
    let views: Views

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(WorkoutURL.list, use: list)
        routes.get(WorkoutURL.calendar, use: calendar)
        routes.get(WorkoutURL.new, use: newForm)
        routes.post(WorkoutURL.new, use: create)
        routes.get(WorkoutURL.edit(.key), use: editForm)
        routes.post(WorkoutURL.edit(.key), use: update)
        routes.get(WorkoutURL.delete(.key), use: confirmDelete)
        routes.post(WorkoutURL.delete(.key), use: delete)
        routes.get(WorkoutURL.date(.key, .key), use: date)
        routes.post(WorkoutURL.start(.key, .key), use: start)
        routes.post(WorkoutURL.cancel(.key, .key), use: cancel)
        routes.get(WorkoutURL.occurrence(.key), use: occurrence)
        routes.post(WorkoutURL.occurrence(.key), use: track)
        routes.post(WorkoutURL.feedRotate, use: rotateFeed)
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let access = WorkoutAccess(user: context.user)
        let today = planner.today()
        let workouts = try await planner.store.workouts(access: access)
        let outcomes = try await WorkoutOccurrenceStore.outcomes(ofWorkouts: workouts.map(\.id), on: planner.database)
        let byWorkout = Dictionary(grouping: outcomes, by: \.workoutID)
        let owners = access.seesEveryone ? try await planner.store.ownerNames(of: workouts.map(\.ownerID)) : [:]
        let rows = workouts.map { workout in
            (workout, WorkoutAdherence(workout: workout, outcomes: byWorkout[workout.id] ?? [], today: today),
             workout.ownerID == context.user.id ? nil : owners[workout.ownerID])
        }
        let token = try await feeds.token(owner: context.user.id)
        let localizer = views.localizer(for: context)
        let view = WorkoutListView(
            workouts: rows, feedURL: Self.absolute(WorkoutURL.feed(.value(token)).path, request: request),
            csrfToken: context.signedInSession.csrfToken, localizer: localizer
        )
        return views.render(.workoutList, title: view.heading, content: view, context: context)
    }

    @Sendable func calendar(_ request: Request, context: SignedInContext) async throws -> Response {
        let localizer = views.localizer(for: context)
        let today = planner.today()
        var month = ReportMonth(today)
        var monthError: String?
        if let text = request.queryData.value("month"), !text.isEmpty {
            if let parsed = ReportMonth(text) { month = parsed } else { monthError = localizer.t("Enter a month as YYYY-MM, like 2026-11.") }
        }
        let access = WorkoutAccess(user: context.user)
        let from = month.first.adding(days: -(month.first.weekday - 1)) ?? month.first
        let through = month.first.lastOfMonth
        // The workouts (archived ones too: their completed children stay in the calendar) and the month's children in
        // one round trip.
        let read = try await planner.database.pipeline([
            WorkoutStore.workoutsStatement(access: access, includingArchived: true, withPlans: false),
            WorkoutOccurrenceStore.marksStatement(access: access, from: from, through: through),
        ])
        let agenda = WorkoutAgenda(
            workouts: try read[0].map(WorkoutStore.decode), children: try WorkoutOccurrenceStore.marks(from: read[1]),
            from: from, through: through, today: today
        )
        let view = WorkoutCalendarView(month: month, monthError: monthError, agenda: agenda, today: today, localizer: localizer)
        return views.render(.workoutCalendar, title: view.heading, content: view, context: context,
                            status: monthError == nil ? .ok : .unprocessableContent)
    }

    // MARK: A date and its occurrence

    @Sendable func date(_ request: Request, context: SignedInContext) async throws -> Response {
        let (workout, date) = try await workoutAndDate(context)
        if let id = try await WorkoutOccurrenceStore.occurrenceID(workout: workout.id, date: date, on: planner.database),
           let child = try await planner.occurrences.occurrence(id: id, access: WorkoutAccess(user: context.user)) {
            if child.status == .inProgress || child.status == .completed {
                return Response(status: .seeOther, headers: [.location: WorkoutURL.occurrence(id)])
            }
            return renderOccurrence(workout: workout, date: date, occurrence: child, context: context)
        }
        guard !workout.isArchived, workout.recurrence.occurs(on: date) else { throw AppError.notFound }
        return renderOccurrence(workout: workout, date: date, occurrence: nil, context: context)
    }

    @Sendable func start(_ request: Request, context: SignedInContext) async throws -> Response {
        let (workoutID, date) = try Self.parameters(context)
        let localizer = views.localizer(for: context)
        switch try await planner.start(workout: workoutID, on: date, access: WorkoutAccess(user: context.user)) {
        case .started(let occurrence):
            return Response(status: .seeOther, headers: [.location: WorkoutURL.occurrence(occurrence)])
        case .notFound:
            throw AppError.notFound
        case .future:
            return try await browserSessions.redirect(
                to: WorkoutURL.date(workoutID, date), flash: .error(localizer.t("Future dates cannot be started yet.")),
                session: context.signedInSession
            )
        }
    }

    @Sendable func cancel(_ request: Request, context: SignedInContext) async throws -> Response {
        let (workoutID, date) = try Self.parameters(context)
        guard try await planner.cancel(workout: workoutID, on: date, access: WorkoutAccess(user: context.user)) else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        return try await browserSessions.redirect(
            to: WorkoutURL.calendar(month: String(date.description.prefix(7))),
            flash: .success(localizer.t("The workout of {date} was cancelled.", ["date": localizer.format.longDate(date)])),
            session: context.signedInSession
        )
    }

    @Sendable func occurrence(_ request: Request, context: SignedInContext) async throws -> Response {
        let child = try await scopedOccurrence(context)
        let workout = try await planner.store.workout(id: child.workoutID, access: WorkoutAccess(user: context.user))
        return renderOccurrence(workout: workout, date: child.date, occurrence: child, context: context)
    }

    @Sendable func track(_ request: Request, context: SignedInContext) async throws -> Response {
        let child = try await scopedOccurrence(context)
        var request = request
        let form = try await request.formData(context: context)
        let localizer = views.localizer(for: context)
        let submission = WorkoutTrackingForm(form, sets: child.sets)
        let workout = try await planner.store.workout(id: child.workoutID, access: WorkoutAccess(user: context.user))
        guard let tracking = submission.tracking else {
            return renderOccurrence(
                workout: workout, date: child.date, occurrence: child, tracking: submission.shown,
                errors: submission.errors.map(localizer.t), status: .unprocessableContent, context: context
            )
        }
        let complete = form.value("complete") != nil
        let outcome = try await planner.track(
            occurrence: child.id, tracking, version: submission.version, complete: complete, access: WorkoutAccess(user: context.user)
        )
        let message: String
        switch outcome {
        case .saved: message = localizer.t("Your sets were saved.")
        case .completed: message = localizer.t("Well done: the workout of {date} is completed.", ["date": localizer.format.longDate(child.date)])
        case .notFound: throw AppError.notFound
        case .stale, .notInProgress:
            let fresh = try await scopedOccurrence(context)
            let reason = outcome == .stale
                ? localizer.t("Someone saved this workout in the meantime: here it is as it is now; enter your changes again.")
                : localizer.t("This workout is not in progress.")
            return renderOccurrence(workout: workout, date: fresh.date, occurrence: fresh, errors: [reason], status: .conflict, context: context)
        }
        return try await browserSessions.redirect(to: WorkoutURL.occurrence(child.id), flash: .success(message), session: context.signedInSession)
    }

    @Sendable func rotateFeed(_ request: Request, context: SignedInContext) async throws -> Response {
        _ = try await feeds.rotate(owner: context.user.id)
        let localizer = views.localizer(for: context)
        return try await browserSessions.redirect(
            to: WorkoutURL.list.path, flash: .success(localizer.t("Your calendar link was replaced: the old one no longer works.")),
            session: context.signedInSession
        )
    }

    // MARK: Helpers

    /// The link as a phone's calendar needs it: with the scheme and host the browser used.
    static func absolute(_ path: String, request: Request) -> String {
        guard let host = request.head.authority, !host.isEmpty else { return path }
        let scheme = request.head.scheme ?? "http"
        return "\(scheme)://\(host)\(path)"
    }

    static func parameters(_ context: SignedInContext) throws -> (Int, CalendarDate) {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0,
              let date = context.parameters.get("date").flatMap(CalendarDate.init)
        else { throw AppError.notFound }
        return (id, date)
    }

    private func workoutAndDate(_ context: SignedInContext) async throws -> (Workout, CalendarDate) {
        let (id, date) = try Self.parameters(context)
        guard let workout = try await planner.store.workout(id: id, access: WorkoutAccess(user: context.user)) else { throw AppError.notFound }
        return (workout, date)
    }

    private func scopedOccurrence(_ context: SignedInContext) async throws -> WorkoutOccurrence {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0,
              let child = try await planner.occurrences.occurrence(id: id, access: WorkoutAccess(user: context.user))
        else { throw AppError.notFound }
        return child
    }

    func renderOccurrence(
        workout: Workout?, date: CalendarDate, occurrence: WorkoutOccurrence?, tracking: WorkoutTracking? = nil, errors: [String] = [],
        status: HTTPResponse.Status = .ok, context: SignedInContext
    ) -> Response {
        let localizer = views.localizer(for: context)
        let view = WorkoutOccurrenceView(
            workout: workout, date: date, occurrence: occurrence, today: planner.today(), csrfToken: context.signedInSession.csrfToken,
            localizer: localizer, tracking: tracking, errors: errors
        )
        let title = localizer.t("{name}, {date}", ["name": view.heading, "date": localizer.format.longDate(occurrence?.shownDate ?? date)])
        return views.render(.workoutOccurrence, title: title, content: view, context: context, status: status)
    }
}
