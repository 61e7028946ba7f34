import Foundation
import Mustache

/// A waiting-list offer's page: what is held and until when, and the forms that accept or decline it.
struct DebateOfferView: Sendable {
    let message: String
    let acceptURL: String
    let declineURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(offer: DebateWaitlistStore.OfferMailFacts, token: String, csrfToken: String, localizer: Localizer, timeZone: TimeZone) {
        message = localizer.t("{event}, case {case}: the seat is held for {name} until {until}.", [
            "event": offer.eventTitle, "case": offer.caseName, "name": offer.fullName,
            "until": localizer.format.dateTime(offer.expiresAt, in: timeZone),
        ])
        acceptURL = DebateURL.acceptOffer(.value(token)).path
        declineURL = DebateURL.declineOffer(.value(token)).path
        self.csrfToken = csrfToken
    }
}

extension DebateOfferView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("message", \.message), .text("acceptURL", \.acceptURL), .text("declineURL", \.declineURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
