import Foundation
import Mustache

/// The private link's page: the registration, and while it is active and the event open, the forms that
/// switch its case or cancel it (POST only: mail scanners that follow the link change nothing).
struct DebateRegistrationView: Sendable {
    let title: String
    let notice: String
    let hasNotice: Bool
    let fullName: String
    let email: String
    let caseName: String
    let status: String
    let isActive: Bool
    let canSwitch: Bool
    let cases: [DebateCaseChoice]
    let switchURL: String
    let cancelURL: String
    let eventURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(
        registration: DebateRegistration, event: DebateEvent, cases: [DebateCaseSeats], token: String, now: Date, notice: String?,
        csrfToken: String, localizer: Localizer, timeZone: TimeZone
    ) {
        title = event.title
        self.notice = notice ?? ""
        hasNotice = notice != nil
        fullName = registration.fullName
        email = registration.email
        caseName = registration.caseName
        isActive = registration.isActive
        status = registration.cancelledAt.map {
            localizer.t("Cancelled on {date}.", ["date": localizer.format.dateTime($0, in: timeZone)])
        } ?? localizer.t("Registered.")
        canSwitch = isActive && event.window(at: now) == .open
        self.cases = cases.filter { $0.id != registration.caseID }.map { DebateCaseChoice($0, chosen: nil, localizer: localizer) }
        switchURL = DebateURL.switchCase(.value(token)).path
        cancelURL = DebateURL.cancel(.value(token)).path
        eventURL = DebateURL.event(event.slug)
        self.csrfToken = csrfToken
    }
}

extension DebateRegistrationView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("notice", \.notice), .bool("hasNotice", \.hasNotice), .text("fullName", \.fullName),
        .text("email", \.email), .text("caseName", \.caseName), .text("status", \.status), .bool("isActive", \.isActive),
        .bool("canSwitch", \.canSwitch), .list("cases", \.cases), .text("switchURL", \.switchURL), .text("cancelURL", \.cancelURL),
        .text("eventURL", \.eventURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
