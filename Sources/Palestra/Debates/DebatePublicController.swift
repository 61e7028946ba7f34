import Foundation
import Hummingbird

/// The public registration pages (no account, no JavaScript): an event's page → choose a case → confirm
/// → registered, with a private link; the waiting list of a full case. The forms that register are
/// limited per client address (``RateLimitMiddleware``) and per email address, and carry a honeypot
/// field people never see.
struct DebatePublicController: Sendable {
    let store: DebateStore
    let seats: DebateSeatStore
    let waitlist: DebateWaitlistStore
    let rateLimits: RateLimitStore
    let settings: DebateSettings
    let views: Views

    static let honeypotField = "website"

    func addRoutes(to routes: Routes<PublicRequestContext>) {
        routes.get(DebateURL.event(.key), use: show)
        let limited = routes.adding(RateLimitMiddleware(
            RateLimit(bucket: "debate-registration", limit: settings.registrationLimitPerHour, window: .seconds(3600)), store: rateLimits
        ))
        limited.post(DebateURL.choose(.key), use: choose)
        limited.post(DebateURL.confirm(.key), use: confirm)
        limited.post(DebateURL.waitlist(.key), use: joinWaitlist)
    }

    @Sendable func show(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let event = try await event(context)
        return try await render(event, form: DebateFormEntry(), context: context)
    }

    /// The choice, checked: the confirmation page, or the form again with what is wrong.
    @Sendable func choose(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let event = try await event(context)
        let posted: Posted
        switch try await read(request, event: event, context: context) {
        case .refused(let response): return response
        case .posted(let read): posted = read
        }
        var entry = posted.entry
        if posted.chosen == nil { entry.problems["case"] = CatalogKey.t("Choose a case.") }
        guard event.window(at: Date()) == .open else { return try await render(event, form: entry, status: .conflict, context: context) }
        guard let person = posted.person, let chosen = posted.chosen else {
            return try await render(event, form: entry, status: .unprocessableContent, context: context)
        }
        if chosen.isFull {
            let localizer = views.localizer(for: context)
            let notice = localizer.t("{case} is full now. Choose a case that still has seats.", ["case": chosen.name])
            return try await render(event, form: entry, notice: notice, status: .conflict, context: context)
        }
        let view = DebateConfirmView(event: event, seats: chosen, registrant: person, csrfToken: context.csrfToken, localizer: views.localizer(for: context))
        return views.render(.debateConfirm, title: views.localizer(for: context).t("Confirm your registration"), content: view, context: context)
    }

    /// Registers, deciding in one transaction whether a seat is left.
    @Sendable func confirm(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let event = try await event(context)
        var request = request
        let form = try await request.formData(context: context)
        if let refusal = honeypot(form, event: event, context: context) { return refusal }
        var entry = DebateFormEntry(form: form)
        let person: DebateRegistrant
        switch entry.registrant() {
        case .success(let checked): person = checked
        case .failure(let problems):
            entry.problems = problems.fields
            return try await render(event, form: entry, status: .unprocessableContent, context: context)
        }
        guard let caseID = entry.chosenCase else {
            entry.problems["case"] = CatalogKey.t("Choose a case.")
            return try await render(event, form: entry, status: .unprocessableContent, context: context)
        }
        try await limitPerEmail(person.email, context: context)
        let localizer = views.localizer(for: context)
        switch try await seats.register(person, case: caseID, event: event) {
        case .done(_, let link?):
            let view = DebateMessageView(
                heading: localizer.t("You are registered"),
                message: localizer.t("We sent your private link to {email}. Keep it to yourself: with it you can view, switch or cancel your registration.", [
                    "email": person.email,
                ]),
                link: (DebateURL.registration(link.value), localizer.t("Your registration")),
                back: (DebateURL.event(event.slug), localizer.t("The event's page"))
            )
            return views.render(.debateMessage, title: view.heading, content: view, context: context)
        case .full:
            let name = try await store.cases(event: event.id).first { $0.id == caseID }?.name ?? ""
            let notice = localizer.t("Sorry: the last seat of {case} was just taken. The cases below still have seats.", ["case": name])
            return try await render(event, form: entry, notice: notice, status: .conflict, context: context)
        case .alreadyRegistered:
            let view = DebateMessageView(
                heading: localizer.t("This address is already registered"),
                message: localizer.t("{email} is already registered for this event. Its private link was sent to that address.", ["email": person.email]),
                back: (DebateURL.event(event.slug), localizer.t("The event's page"))
            )
            return views.render(.debateMessage, title: view.heading, content: view, context: context)
        case .closed:
            return try await render(event, form: entry, status: .conflict, context: context)
        case .notFound, .unchanged, .done(_, nil):
            entry.problems["case"] = CatalogKey.t("Choose a case.")
            return try await render(event, form: entry, status: .unprocessableContent, context: context)
        }
    }

    /// Joins a full case's waiting list. A refused submission is the page again with what was typed and
    /// each message beside its field of the waiting-list form; a case that has seats again fills the
    /// registration form instead. Nothing is stored unless the person joins.
    @Sendable func joinWaitlist(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let event = try await event(context)
        let posted: Posted
        switch try await read(request, event: event, context: context) {
        case .refused(let response): return response
        case .posted(let read): posted = read
        }
        var entry = posted.entry
        guard event.window(at: Date()) == .open else { return try await render(event, waitlist: entry, status: .conflict, context: context) }
        if let chosen = posted.chosen, !chosen.isFull { return try await seatsAgain(event, chosen: chosen, entry: entry, context: context) }
        if posted.chosen == nil { entry.problems["case"] = CatalogKey.t("Choose a full case to wait for.") }
        guard let person = posted.person, let chosen = posted.chosen else {
            return try await render(event, waitlist: entry, status: .unprocessableContent, context: context)
        }
        try await limitPerEmail(person.email, context: context)
        let localizer = views.localizer(for: context)
        switch try await waitlist.join(person, case: chosen.id, event: event) {
        case .joined:
            let view = DebateMessageView(
                heading: localizer.t("Waiting list"),
                message: localizer.t("You are on the waiting list. When a seat frees, it is held for you and you are told by email."),
                back: (DebateURL.event(event.slug), localizer.t("The event's page"))
            )
            return views.render(.debateMessage, title: view.heading, content: view, context: context)
        case .alreadyWaiting:
            entry.problems["email"] = CatalogKey.t("This address is already on a waiting list of this event.")
            return try await render(event, waitlist: entry, status: .conflict, context: context)
        case .alreadyRegistered:
            entry.problems["email"] = CatalogKey.t("This address is already registered for this event. Its private link was sent to it when it registered.")
            return try await render(event, waitlist: entry, status: .conflict, context: context)
        case .hasSeats:
            // A seat freed between the page and the submission.
            return try await seatsAgain(event, chosen: chosen, entry: entry, context: context)
        case .closed:
            return try await render(event, waitlist: entry, status: .conflict, context: context)
        case .notFound:
            entry.problems["case"] = CatalogKey.t("Choose a full case to wait for.")
            return try await render(event, waitlist: entry, status: .unprocessableContent, context: context)
        }
    }

    /// A waiting list asked for a case that has seats: the registration form filled with what was typed
    /// (and its messages), the case chosen, and a word beside the cases to register instead.
    private func seatsAgain(_ event: DebateEvent, chosen: DebateCaseSeats, entry: DebateFormEntry, context: PublicRequestContext) async throws -> Response {
        var waitlistEntry = entry
        waitlistEntry.problems = [:]
        let cases = try await store.cases(event: event.id)
        let view = DebateEventView(
            event: event, cases: cases, now: Date(), form: entry, notice: nil, waitlistForm: waitlistEntry, seatsAgain: chosen.name,
            csrfToken: context.csrfToken, localizer: views.localizer(for: context), timeZone: views.timeZone
        )
        return views.render(.debateEvent, title: event.title, content: view, context: context, status: .conflict)
    }

    // MARK: Helpers

    private func event(_ context: PublicRequestContext) async throws -> DebateEvent {
        guard let slug = context.parameters.get("slug"), slug.count <= 100, let event = try await store.event(slug: slug) else {
            throw AppError.notFound
        }
        return event
    }

    /// A form whose hidden trap field was filled (a script): refused, nothing stored.
    /// A registration or waiting-list form as posted: what was typed with the registrant's problems beside their
    /// fields, the case chosen when it is one of the event's, and the registrant once every field is valid.
    private struct Posted {
        let entry: DebateFormEntry
        let chosen: DebateCaseSeats?
        let person: DebateRegistrant?
    }

    private enum Reading {
        /// The honeypot was filled: its answer.
        case refused(Response)
        case posted(Posted)
    }

    /// Reads and checks the choice and waiting-list forms alike.
    private func read(_ request: Request, event: DebateEvent, context: PublicRequestContext) async throws -> Reading {
        var request = request
        let form = try await request.formData(context: context)
        if let refusal = honeypot(form, event: event, context: context) { return .refused(refusal) }
        var entry = DebateFormEntry(form: form)
        let cases = try await store.cases(event: event.id)
        let chosen = entry.chosenCase.flatMap { id in cases.first { $0.id == id } }
        var person: DebateRegistrant?
        switch entry.registrant() {
        case .success(let checked): person = checked
        case .failure(let problems): entry.problems = problems.fields
        }
        return .posted(Posted(entry: entry, chosen: chosen, person: person))
    }

    private func honeypot(_ form: FormData, event: DebateEvent, context: PublicRequestContext) -> Response? {
        guard let trap = form.value(Self.honeypotField), !trap.isEmpty else { return nil }
        context.logger.notice("debate registration with the honeypot filled refused", metadata: ["address": "\(context.clientAddress)"])
        let localizer = views.localizer(for: context)
        let view = DebateMessageView(
            heading: localizer.t("Your registration could not be accepted"),
            message: localizer.t("Leave the field marked “Leave this field empty” empty and try again."),
            back: (DebateURL.event(event.slug), localizer.t("The event's page"))
        )
        return views.render(.debateMessage, title: view.heading, content: view, context: context, status: .unprocessableContent)
    }

    /// Too many forms for one email address in an hour: 429 with `Retry-After`.
    private func limitPerEmail(_ email: String, context: PublicRequestContext) async throws {
        let limit = RateLimit(bucket: "debate-registration-email", limit: settings.emailLimitPerHour, window: .seconds(3600))
        if !limit.isOff, let seconds = try await rateLimits.hit(limit, address: email) {
            context.logger.notice("debate registration limit per email reached")
            throw AppError.tooManyRequests(retryAfter: seconds)
        }
    }

    /// The event's page again: `form` is the registration form as sent, `waitlist` the waiting list's.
    private func render(
        _ event: DebateEvent, form: DebateFormEntry = DebateFormEntry(), waitlist: DebateFormEntry = DebateFormEntry(), notice: String? = nil,
        status: HTTPResponse.Status = .ok, context: PublicRequestContext
    ) async throws -> Response {
        let cases = try await store.cases(event: event.id)
        let view = DebateEventView(
            event: event, cases: cases, now: Date(), form: form, notice: notice, waitlistForm: waitlist, csrfToken: context.csrfToken,
            localizer: views.localizer(for: context), timeZone: views.timeZone
        )
        return views.render(.debateEvent, title: event.title, content: view, context: context, status: status)
    }
}
