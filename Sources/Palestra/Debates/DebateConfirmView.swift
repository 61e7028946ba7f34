import Mustache

/// The confirmation page between choosing a case and registering: the case, its seats left now, and the
/// form that registers (the choice travels in hidden fields and is checked again).
struct DebateConfirmView: Sendable {
    let title: String
    let caseName: String
    let seatsLeft: String
    let fullName: String
    let email: String
    let affiliation: String
    let hasAffiliation: Bool
    let caseValue: String
    let confirmURL: String
    let backURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(event: DebateEvent, seats: DebateCaseSeats, registrant: DebateRegistrant, csrfToken: String, localizer: Localizer) {
        title = event.title
        caseName = seats.name
        seatsLeft = localizer.plural("{count} seats left now.", count: seats.free)
        fullName = registrant.fullName
        email = registrant.email
        affiliation = registrant.affiliation
        hasAffiliation = !registrant.affiliation.isEmpty
        caseValue = String(seats.id)
        confirmURL = DebateURL.confirm(.value(event.slug)).path
        backURL = DebateURL.event(event.slug)
        self.csrfToken = csrfToken
    }
}

extension DebateConfirmView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("caseName", \.caseName), .text("seatsLeft", \.seatsLeft), .text("fullName", \.fullName),
        .text("email", \.email), .text("affiliation", \.affiliation), .bool("hasAffiliation", \.hasAffiliation),
        .text("caseValue", \.caseValue), .text("confirmURL", \.confirmURL), .text("backURL", \.backURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
