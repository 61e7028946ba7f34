import Hummingbird
import Postgres

extension WorkoutController {
    @Sendable func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        var form = WorkoutForm()
        form.startDate = planner.today().description
        return renderForm(form, errors: [:], preview: nil, editing: nil, scope: .all, date: nil, context: context)
    }

    /// Saves, or with `preview` shows the next ten dates (and where the start moved) without saving.
    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let data = try await request.formData(context: context)
        let form = WorkoutForm(data)
        switch form.validate() {
        case .failure(let errors):
            return renderForm(form, errors: errors, preview: nil, editing: nil, scope: .all, date: nil, status: .unprocessableContent, context: context)
        case .success(let draft):
            if data.value("preview") != nil {
                return renderForm(form, errors: [:], preview: draft, editing: nil, scope: .all, date: nil, context: context)
            }
            _ = try await planner.store.create(draft, owner: context.user.id)
            let localizer = views.localizer(for: context)
            var message = localizer.t("The workout {name} was saved.", ["name": draft.name])
            if CalendarDate(form.startDate.trimmingCharacters(in: .whitespaces)) != draft.recurrence.start {
                message += " " + localizer.t("It starts on its first date, {date}.", ["date": localizer.format.longDate(draft.recurrence.start)])
            }
            return try await browserSessions.redirect(to: WorkoutURL.list.path, flash: .success(message), session: context.signedInSession)
        }
    }

    @Sendable func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let workout = try await scopedWorkout(context)
        let date = request.queryData.value("date").flatMap(CalendarDate.init)
        var form = WorkoutForm(workout)
        if let date, workout.isRecurring {
            // "This date only" shows the date it takes place (where it was moved, if it was).
            let moved = try await WorkoutOccurrenceStore.movedTo(workout: workout.id, date: date, on: planner.database)
            form.startDate = (moved ?? date).description
        }
        return renderForm(form, errors: [:], preview: nil, editing: workout, scope: date == nil ? .all : .this, date: date, context: context)
    }

    @Sendable func update(_ request: Request, context: SignedInContext) async throws -> Response {
        let workout = try await scopedWorkout(context)
        var request = request
        let data = try await request.formData(context: context)
        let form = WorkoutForm(data)
        let date = data.value("date").flatMap(CalendarDate.init)
        guard let scope = WorkoutEditScope(rawValue: data.value("scope") ?? "all"), let version = data.value("version").flatMap(Int.init) else {
            throw AppError.badRequest
        }
        let localizer = views.localizer(for: context)
        switch form.validate() {
        case .failure(let errors):
            return renderForm(form, errors: errors, preview: nil, editing: workout, scope: scope, date: date, status: .unprocessableContent, context: context)
        case .success(let draft):
            if data.value("preview") != nil {
                return renderForm(form, errors: [:], preview: draft, editing: workout, scope: scope, date: date, context: context)
            }
            // "This date only": the date field is the date it now takes place (the form validated it as a date).
            let movedTo = scope == .this ? CalendarDate(form.startDate.trimmingCharacters(in: .whitespaces)) : nil
            let outcome = try await planner.edit(
                workout: workout.id, with: draft, scope: scope, date: date, version: version, access: WorkoutAccess(user: context.user),
                movedTo: movedTo
            )
            let problem: String
            switch outcome {
            case .saved:
                return try await browserSessions.redirect(
                    to: WorkoutURL.list.path, flash: .success(localizer.t("The workout {name} was saved.", ["name": draft.name])),
                    session: context.signedInSession
                )
            case .notFound: throw AppError.notFound
            case .stale: problem = CatalogKey.t("Someone saved this workout in the meantime: reload the page and make your change again.")
            case .started: problem = CatalogKey.t("This date was already started: its record is kept as it is.")
            case .noOccurrence: problem = CatalogKey.t("This rule produces no date: change the start, the days or the end.")
            }
            return renderForm(
                form, errors: ["frequency": problem], preview: nil, editing: workout, scope: scope, date: date,
                status: outcome == .stale ? .conflict : .unprocessableContent, context: context
            )
        }
    }

    /// Asks before deleting: what stays in the history and what leaves the calendar, with counts. Only the POST deletes.
    @Sendable func confirmDelete(_ request: Request, context: SignedInContext) async throws -> Response {
        let workout = try await scopedWorkout(context)
        let children = try await WorkoutOccurrenceStore.occurrences(ofWorkouts: [workout.id], on: planner.database)
        let today = planner.today()
        let kept = children.filter { $0.status == .completed || $0.status == .inProgress }
        let cancelled = children.filter { $0.status == .cancelled }
        let view = WorkoutDeleteView(
            workout: workout, kept: kept.count, edited: cancelled.count + children.count { $0.status == .planned && $0.date < today },
            notPlanned: Set((kept + cancelled).map(\.date)), today: today, csrfToken: context.signedInSession.csrfToken,
            localizer: views.localizer(for: context)
        )
        return views.render(.workoutDelete, title: view.heading, content: view, context: context)
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        let message: String
        switch try await planner.delete(workout: id, access: WorkoutAccess(user: context.user)) {
        case .notFound: throw AppError.notFound
        case .deleted: message = localizer.t("The workout was deleted.")
        case .archived: message = localizer.t("The workout was deleted; its completed dates stay in the history.")
        }
        return try await browserSessions.redirect(to: WorkoutURL.list.path, flash: .success(message), session: context.signedInSession)
    }

    private func scopedWorkout(_ context: SignedInContext) async throws -> Workout {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0,
              let workout = try await planner.store.workout(id: id, access: WorkoutAccess(user: context.user)), !workout.isArchived
        else { throw AppError.notFound }
        return workout
    }

    private func renderForm(
        _ form: WorkoutForm, errors: WorkoutFormErrors, preview: WorkoutDraft?, editing: Workout?, scope: WorkoutEditScope, date: CalendarDate?,
        status: HTTPResponse.Status = .ok, context: SignedInContext
    ) -> Response {
        let localizer = views.localizer(for: context)
        let view = WorkoutFormView(
            form: form, errors: errors, preview: preview, requestedStart: CalendarDate(form.startDate.trimmingCharacters(in: .whitespaces)),
            editing: editing, scope: scope, date: date, csrfToken: context.signedInSession.csrfToken, localizer: localizer
        )
        return views.render(.workoutForm, title: view.heading, content: view, context: context, status: status)
    }
}
