import Foundation
import Hummingbird
import Postgres

/// A lesson's pages: its page, its transitions (start and complete post at once; cancel asks for a
/// reason on its own small form), and the lesson form (plan, edit). Everyone signed in reaches the
/// lessons ``LessonAccess`` gives them (anyone else's answers 404); changes are the teacher's and the
/// administrators' (others get the page with a message, 403 when they post anyway).
struct LessonController: Sendable {
    let lifecycle: LessonLifecycle
    let browserSessions: BrowserSessionStore
    let views: Views
    var database: PostgresClient { lifecycle.database }
    var timeZone: TimeZone { lifecycle.timeZone }

    func addRoutes(to routes: Routes<SignedInContext>) {
        let planners = routes.restricted(to: RolePolicy([.admin, .coach]))
        planners.get(LessonsURL.new, use: newForm)
        planners.post(LessonsURL.new, use: create)
        routes.get(LessonsURL.lesson(.key), use: show)
        planners.get(LessonsURL.edit(.key), use: editForm)
        planners.post(LessonsURL.edit(.key), use: edit)
        planners.post(LessonsURL.transition(.key, .start), use: start)
        planners.post(LessonsURL.transition(.key, .complete), use: complete)
        planners.get(LessonsURL.transition(.key, .cancel), use: cancelForm)
        planners.post(LessonsURL.transition(.key, .cancel), use: cancel)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        try await render(try await scopedLesson(context), context: context)
    }

    // MARK: Transitions

    @Sendable func start(_ request: Request, context: SignedInContext) async throws -> Response {
        try await transition(.start, request, context: context)
    }

    @Sendable func complete(_ request: Request, context: SignedInContext) async throws -> Response {
        try await transition(.complete, request, context: context)
    }

    @Sendable func cancelForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let lesson = try await scopedLesson(context)
        guard LessonTransition.cancel.isOffered(for: lesson, to: context.user) else {
            return Response(status: .seeOther, headers: [.location: LessonsURL.lesson(lesson.id)])
        }
        let version = request.queryData.value("version").flatMap(Int.init) ?? lesson.version
        return renderCancel(lesson, version: version, reason: "", error: nil, context: context)
    }

    @Sendable func cancel(_ request: Request, context: SignedInContext) async throws -> Response {
        try await transition(.cancel, request, context: context)
    }

    private func transition(_ transition: LessonTransition, _ request: Request, context: SignedInContext) async throws -> Response {
        let id = try Self.lessonID(context)
        var request = request
        let form = try await request.formData(context: context)
        let version = form.value("version").flatMap(Int.init)
        let reason = form.value("reason")
        guard let outcome = try await lifecycle.apply(transition, to: id, version: version, reason: reason, by: context.user) else {
            throw AppError.notFound
        }
        let localizer = views.localizer(for: context)
        switch outcome {
        case .done:
            return try await browserSessions.redirect(
                to: LessonsURL.lesson(id), flash: .success(localizer.t(transition.doneMessage)), session: context.signedInSession
            )
        case .refused(let refusal) where refusal == .reasonMissing || refusal == .reasonTooLong || refusal == .reasonInvalid:
            let lesson = try await scopedLesson(context)
            return renderCancel(
                lesson, version: version ?? lesson.version, reason: reason ?? "", error: localizer.t(refusal.message), context: context,
                status: .unprocessableContent
            )
        case .refused(let refusal):
            let lesson = try await scopedLesson(context)
            let status: HTTPResponse.Status = refusal == .notYours ? .forbidden : .conflict
            return try await render(lesson, notice: localizer.t(refusal.message), status: status, context: context)
        }
    }

    // MARK: The lesson form

    @Sendable func newForm(_ request: Request, context: SignedInContext) async throws -> Response {
        var draft = LessonDraft()
        draft.teacherID = String(context.user.id)
        return try await renderForm(nil, draft: draft, version: nil, search: "", context: context)
    }

    @Sendable func create(_ request: Request, context: SignedInContext) async throws -> Response {
        var request = request
        let form = try await request.formData(context: context)
        let draft = LessonDraft(form: form)
        let search = Self.search(form)
        if form.value("find") != nil { return try await renderForm(nil, draft: draft, version: nil, search: search, context: context) }
        let outcome = try await lifecycle.create(draft, by: context.user)
        return try await answer(outcome, lesson: nil, draft: draft, version: nil, search: search, context: context)
    }

    @Sendable func editForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let lesson = try await conductedLesson(context)
        return try await renderForm(lesson, draft: .of(lesson, timeZone: timeZone), version: lesson.version, search: "", context: context)
    }

    @Sendable func edit(_ request: Request, context: SignedInContext) async throws -> Response {
        let lesson = try await conductedLesson(context)
        var request = request
        let form = try await request.formData(context: context)
        var draft = LessonDraft(form: form)
        if lesson.status == .inProgress {
            let description = draft.description
            draft = .of(lesson, timeZone: timeZone)
            draft.description = description
        }
        let search = Self.search(form)
        let version = form.value("version").flatMap(Int.init) ?? -1
        if form.value("find") != nil { return try await renderForm(lesson, draft: draft, version: version, search: search, context: context) }
        let outcome = try await lifecycle.edit(lesson, with: draft, version: version, by: context.user)
        return try await answer(outcome, lesson: lesson, draft: draft, version: version, search: search, context: context)
    }

    private func answer(
        _ outcome: LessonSaveOutcome, lesson: Lesson?, draft: LessonDraft, version: Int?, search: String, context: SignedInContext
    ) async throws -> Response {
        let localizer = views.localizer(for: context)
        switch outcome {
        case .saved(let id):
            let message = lesson == nil ? localizer.t("The lesson was planned; its students are told.") : localizer.t("The lesson was saved.")
            return try await browserSessions.redirect(to: LessonsURL.lesson(id), flash: .success(message), session: context.signedInSession)
        case .invalid(let errors):
            return try await renderForm(
                lesson, draft: draft, version: version, search: search, errors: errors,
                notice: localizer.t("Please correct the errors below."), status: .unprocessableContent, context: context
            )
        case .conflict(let conflict):
            return try await renderForm(
                lesson, draft: draft, version: version, search: search, notice: conflict.message(localizer, timeZone: timeZone), conflictURL: LessonsURL.lesson(conflict.id),
                status: .conflict, context: context
            )
        case .stale:
            let current = try await conductedLesson(context)
            return try await renderForm(
                current, draft: draft, version: current.version, search: search,
                notice: localizer.t("Someone changed the lesson meanwhile: nothing was saved. Check your changes and save again."),
                status: .conflict, context: context
            )
        case .readOnly:
            let current = try await scopedLesson(context)
            return try await render(current, notice: localizer.t("A completed or cancelled lesson can no longer be changed."), status: .conflict, context: context)
        }
    }

    // MARK: Helpers

    private static func lessonID(_ context: SignedInContext) throws -> Int {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw AppError.notFound }
        return id
    }

    private static func search(_ form: FormData) -> String {
        String((form.value("student_search") ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(100))
    }

    /// The lesson of the path within the user's reach: 404 outside it.
    private func scopedLesson(_ context: SignedInContext) async throws -> Lesson {
        guard let lesson = try await LessonStore.lesson(id: try Self.lessonID(context), access: LessonAccess(user: context.user), on: database) else {
            throw AppError.notFound
        }
        return lesson
    }

    /// The lesson, if the user may change it: 404 outside their reach, 403 when they only see it.
    private func conductedLesson(_ context: SignedInContext) async throws -> Lesson {
        let lesson = try await scopedLesson(context)
        guard LessonAccess(user: context.user).mayConduct(lesson) else { throw AppError.forbidden }
        return lesson
    }

    private func render(_ lesson: Lesson, notice: String? = nil, status: HTTPResponse.Status = .ok, context: SignedInContext) async throws -> Response {
        let events = try await LessonStore.events(of: lesson.id, on: database)
        let view = LessonPageView(
            lesson: lesson, events: events, user: context.user, csrfToken: context.signedInSession.csrfToken, notice: notice,
            localizer: views.localizer(for: context), timeZone: timeZone
        )
        return views.render(.lesson, title: lesson.title, content: view, context: context, status: status)
    }

    private func renderCancel(
        _ lesson: Lesson, version: Int, reason: String, error: String?, context: SignedInContext, status: HTTPResponse.Status = .ok
    ) -> Response {
        let localizer = views.localizer(for: context)
        let view = LessonCancelView(
            lesson: lesson, version: version, reason: String(reason.prefix(2000)), error: error, csrfToken: context.signedInSession.csrfToken,
            localizer: localizer, timeZone: timeZone
        )
        return views.render(.lessonCancel, title: view.heading, content: view, context: context, status: status)
    }

    private func renderForm(
        _ lesson: Lesson?, draft: LessonDraft, version: Int?, search: String, errors: LessonFieldErrors = [:], notice: String? = nil,
        conflictURL: String? = nil, status: HTTPResponse.Status = .ok, context: SignedInContext
    ) async throws -> Response {
        let chosen = draft.studentIDs.compactMap(LessonDraft.id).prefix(LessonDraft.studentLimit)
        let choices = (
            teachers: try await LessonChoiceStore.teachers(on: database), rooms: try await LessonChoiceStore.rooms(on: database),
            students: try await LessonChoiceStore.students(matching: search, chosen: Array(chosen), on: database)
        )
        let localizer = views.localizer(for: context)
        var view = LessonFormView(
            lesson: lesson, draft: draft, version: version, choices: choices, search: search, user: context.user, errors: errors, notice: notice,
            csrfToken: context.signedInSession.csrfToken, localizer: localizer
        )
        view.conflictURL = conflictURL ?? ""
        view.hasConflict = conflictURL != nil
        return views.render(.lessonForm, title: view.heading, content: view, context: context, status: status)
    }
}
