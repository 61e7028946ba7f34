import Foundation
import Hummingbird

/// The pages private links open: a registration (view, switch, cancel) and a waiting-list offer (accept,
/// decline). Opening a link changes nothing — mail scanners follow links — only the pages' POSTs do.
/// A token that matches nothing is a page that does not exist.
struct DebateLinkController: Sendable {
    let store: DebateStore
    let seats: DebateSeatStore
    let waitlist: DebateWaitlistStore
    let views: Views

    /// What the registration page says after a change (`?done=`).
    enum Done: String {
        case switched, cancelled, accepted
    }

    func addRoutes(to routes: Routes<PublicRequestContext>) {
        let links = routes.unlisted
        links.get(DebateURL.registration(.key), use: show)
        links.post(DebateURL.switchCase(.key), use: switchCase)
        links.post(DebateURL.cancel(.key), use: cancel)
        links.get(DebateURL.offer(.key), use: showOffer)
        links.post(DebateURL.acceptOffer(.key), use: accept)
        links.post(DebateURL.declineOffer(.key), use: decline)
    }

    @Sendable func show(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let token = try Self.token(context)
        let localizer = views.localizer(for: context)
        let notice: String? = switch request.uri.queryParameters.get("done").flatMap(Done.init(rawValue:)) {
        case .switched: localizer.t("Your case was switched.")
        case .cancelled: localizer.t("Your registration was cancelled.")
        case .accepted: localizer.t("You accepted the seat: you are registered.")
        case nil: nil
        }
        return try await render(token, notice: notice, context: context)
    }

    @Sendable func switchCase(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let token = try Self.token(context)
        var request = request
        let form = try await request.formData(context: context)
        let localizer = views.localizer(for: context)
        guard let caseID = form.value("case").flatMap(Int.init) else {
            return try await render(token, notice: localizer.t("Choose a case."), status: .unprocessableContent, context: context)
        }
        switch try await seats.switchCase(link: token, to: caseID) {
        case .done, .unchanged:
            return Response(status: .seeOther, headers: [.location: DebateURL.registration(token.value) + "?done=switched"])
        case .full:
            return try await render(token, notice: localizer.t("That case is full now: you keep your seat."), status: .conflict, context: context)
        case .closed:
            return try await render(
                token, notice: localizer.t("Registration is closed: you keep your seat in the case you had. You can still cancel."), status: .conflict, context: context
            )
        case .notFound, .alreadyRegistered:
            return try await render(token, notice: localizer.t("Choose a case."), status: .unprocessableContent, context: context)
        }
    }

    @Sendable func cancel(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let token = try Self.token(context)
        // A registration cancelled already answers as a fresh cancellation; a link to nothing is a missing page.
        if try await seats.cancel(link: token) == .notFound, try await store.registration(link: token) == nil { throw AppError.notFound }
        return Response(status: .seeOther, headers: [.location: DebateURL.registration(token.value) + "?done=cancelled"])
    }

    @Sendable func showOffer(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let token = try Self.token(context)
        let localizer = views.localizer(for: context)
        guard let offer = try await waitlist.offer(token: token) else { return offerGone(context: context) }
        let view = DebateOfferView(offer: offer, token: token.value, csrfToken: context.csrfToken, localizer: localizer, timeZone: views.timeZone)
        return views.render(.debateOffer, title: localizer.t("A seat is held for you"), content: view, context: context)
    }

    @Sendable func accept(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let token = try Self.token(context)
        let localizer = views.localizer(for: context)
        switch try await waitlist.accept(token: token) {
        case .accepted(_, let link):
            return Response(status: .seeOther, headers: [.location: DebateURL.registration(link.value) + "?done=accepted"])
        case .alreadyRegistered:
            let view = DebateMessageView(
                heading: localizer.t("This address is already registered"),
                message: localizer.t("This address registered meanwhile, so the held seat went to the next person waiting."),
                back: ("/", localizer.t("Home"))
            )
            return views.render(.debateMessage, title: view.heading, content: view, context: context, status: .conflict)
        case .declined, .gone:
            return offerGone(context: context)
        }
    }

    @Sendable func decline(_ request: Request, context: PublicRequestContext) async throws -> Response {
        let token = try Self.token(context)
        let localizer = views.localizer(for: context)
        guard try await waitlist.decline(token: token) == .declined else { return offerGone(context: context) }
        let view = DebateMessageView(
            heading: localizer.t("You declined the seat"), message: localizer.t("It goes to the next person waiting. Thank you for saying so."),
            back: ("/", localizer.t("Home"))
        )
        return views.render(.debateMessage, title: view.heading, content: view, context: context)
    }

    // MARK: Helpers

    private static func token(_ context: PublicRequestContext) throws -> DebateLinkToken {
        guard let token = context.parameters.get("token").flatMap(DebateLinkToken.init) else { throw AppError.notFound }
        return token
    }

    private func offerGone(context: PublicRequestContext) -> Response {
        let localizer = views.localizer(for: context)
        let view = DebateMessageView(
            heading: localizer.t("This offer is no longer open"),
            message: localizer.t("It was answered already, or its time ran out and the seat went to the next person waiting."),
            back: ("/", localizer.t("Home"))
        )
        return views.render(.debateMessage, title: view.heading, content: view, context: context, status: .gone)
    }

    private func render(
        _ token: DebateLinkToken, notice: String?, status: HTTPResponse.Status = .ok, context: PublicRequestContext
    ) async throws -> Response {
        guard let (registration, event) = try await store.registration(link: token) else { throw AppError.notFound }
        let cases = try await store.cases(event: event.id)
        let view = DebateRegistrationView(
            registration: registration, event: event, cases: cases, token: token.value, now: Date(), notice: notice,
            csrfToken: context.csrfToken, localizer: views.localizer(for: context), timeZone: views.timeZone
        )
        return views.render(.debateRegistration, title: views.localizer(for: context).t("Your registration"), content: view, context: context, status: status)
    }
}
