import Hummingbird
import Postgres

/// The coach's pages: `/coach` (their sessions) and each session's attendance journal, where marks
/// are saved, and from which a held session is closed (its coach or an administrator) and a closed one
/// reopened (administrators). Coaches and administrators only (others 403); a coach reaches only the
/// groups they lead (another group's session answers 404, as a missing one does).
struct CoachController: Sendable {
    let journal: AttendanceJournal
    let browserSessions: BrowserSessionStore
    let views: Views

    /// Coaches and administrators; reopening, administrators only.
    func addRoutes(to routes: Routes<SignedInContext>) {
        let coaches = routes.restricted(to: TrainingGroupAccess.policy(for: .change))
        coaches.get(AttendanceURL.mySessions, use: list)
        coaches.get(AttendanceURL.journal(.key), use: show)
        coaches.post(AttendanceURL.journal(.key), use: save)
        coaches.get(AttendanceURL.journalClose(.key), use: confirmClose)
        coaches.post(AttendanceURL.journalClose(.key), use: close)
        routes.restricted(to: .admins).post(AttendanceURL.journalReopen(.key), use: reopen)
    }

    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let today = journal.today()
        let access = TrainingGroupAccess(user: context.user)
        let summaries = try await journal.store.coachSessions(access: access, from: today, through: today.adding(days: 7) ?? today)
        let localizer = views.localizer(for: context)
        let view = CoachSessionsView(sessions: summaries, today: today, seesEveryGroup: access.reach == .everyGroup, localizer: localizer)
        return views.render(.coachSessions, title: localizer.t("My sessions"), content: view, context: context)
    }

    @Sendable func show(_ request: Request, context: SignedInContext) async throws -> Response {
        let session = try await scopedSession(context)
        return try await render(session, context: context)
    }

    @Sendable func save(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try Self.sessionID(context)
        var request = request
        let submission = try AttendanceSubmission(form: try await request.formData(context: context))
        guard let outcome = try await journal.save(submission, session: id, by: context.user, address: context.clientAddress) else {
            throw AppError.notFound
        }
        let localizer = views.localizer(for: context)
        switch outcome {
        case .saved(let changed):
            let message = changed == 0 ? localizer.t("Nothing changed.") : localizer.plural("Attendance saved: {count} changed", count: changed)
            return try await browserSessions.redirect(
                to: AttendanceURL.journal(id), flash: .success(message),
                session: context.signedInSession
            )
        case .locked:
            let session = try await scopedSession(context)
            return try await render(session, notice: .refused(localizer.t("Your marks were not saved.")), status: .conflict, context: context)
        case .stale:
            let session = try await scopedSession(context)
            return try await render(session, choices: submission.rowsByAthlete, notice: .conflict, status: .conflict, context: context)
        case .invalid(let validation):
            let session = try await scopedSession(context)
            return try await render(
                session, choices: submission.rowsByAthlete, validation: validation, notice: .invalid, status: .unprocessableContent, context: context
            )
        }
    }

    /// Asks before closing: what closing does, who can reopen, the athletes still without a mark. A session
    /// that cannot be closed now leads back to its journal, which says why.
    @Sendable func confirmClose(_ request: Request, context: SignedInContext) async throws -> Response {
        let session = try await scopedSession(context)
        guard session.status == .held, !session.isClosed, !session.isGroupArchived else {
            return Response(status: .seeOther, headers: [.location: AttendanceURL.journal(session.id)])
        }
        let athletes = try await AttendanceStore.athletes(of: session, on: journal.database)
        let localizer = views.localizer(for: context)
        let view = JournalCloseView(
            session: session, unmarkedCount: athletes.count { $0.mark == nil }, csrfToken: context.signedInSession.csrfToken, localizer: localizer
        )
        return views.render(.journalClose, title: view.heading, content: view, context: context)
    }

    /// Closes the session (the confirmation page's POST).
    @Sendable func close(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try Self.sessionID(context)
        guard let change = try await journal.close(session: id, by: context.user, address: context.clientAddress) else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        return try await answer(change, session: id, done: localizer.t("The session was closed."), context: context)
    }

    @Sendable func reopen(_ request: Request, context: SignedInContext) async throws -> Response {
        let id = try Self.sessionID(context)
        guard let change = try await journal.reopen(session: id, by: context.user, address: context.clientAddress) else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        return try await answer(change, session: id, done: localizer.t("The session was reopened."), context: context)
    }

    // MARK: Helpers

    /// A redirect with a flash when the close or reopen was done; the journal with the reason (409) when refused.
    private func answer(_ change: JournalStateChange, session id: Int, done: String, context: SignedInContext) async throws -> Response {
        switch change {
        case .done:
            return try await browserSessions.redirect(to: AttendanceURL.journal(id), flash: .success(done), session: context.signedInSession)
        case .refused(let reason):
            let session = try await scopedSession(context)
            return try await render(session, notice: .refused(reason.message(views.localizer(for: context))), status: .conflict, context: context)
        }
    }

    /// The `:id` of the path; a malformed one is a page that does not exist.
    private static func sessionID(_ context: SignedInContext) throws -> Int {
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0 else { throw AppError.notFound }
        return id
    }

    /// The session of the path within the user's groups: 404 outside them.
    private func scopedSession(_ context: SignedInContext) async throws -> JournalSession {
        let id = try Self.sessionID(context)
        guard let session = try await journal.store.session(id: id, access: TrainingGroupAccess(user: context.user)) else {
            throw AppError.notFound
        }
        return session
    }

    private func render(
        _ session: JournalSession, choices: [Int: AttendanceSubmission.Row]? = nil, validation: AttendanceSubmission.Validation? = nil,
        notice: AttendanceJournalView.Notice = .none, status: HTTPResponse.Status = .ok, context: SignedInContext
    ) async throws -> Response {
        let athletes = try await AttendanceStore.athletes(of: session, on: journal.database)
        let localizer = views.localizer(for: context)
        let view = AttendanceJournalView(
            session: session, athletes: athletes, user: context.user, today: journal.today(), csrfToken: context.signedInSession.csrfToken,
            localizer: localizer, timeZone: views.timeZone, choices: choices, validation: validation, notice: notice
        )
        let title = localizer.t("Attendance: {group}, {date}", ["group": session.groupName, "date": localizer.format.date(session.date)])
        return views.render(.attendanceJournal, title: title, content: view, context: context, status: status)
    }
}
