import Foundation
import Mustache

/// The private link's page: the registration, and while it is active the forms that switch its case
/// (while the event is open) or cancel it (POST only: mail scanners that follow the link change nothing).
/// Once registration has closed, an active registration's page says so: switching is no longer possible,
/// cancelling still is — the seat goes to the waiting list and the organisers are told it came late.
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
    /// Why switching is not offered to an active registration (registration closed, or not yet open).
    let windowNotice: String
    let hasWindowNotice: Bool
    let isClosed: Bool
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
        let window = event.window(at: now)
        canSwitch = isActive && window == .open
        isClosed = window == .closed
        let notice: String? = switch window {
        case .open: nil
        case .closed where !event.isArchived && event.closesAt <= now:
            localizer.t("Registration closed on {date}: switching to another case is no longer possible. You can still cancel.", [
                "date": localizer.format.dateTime(event.closesAt, in: timeZone),
            ])
        case .closed: localizer.t("Registration is closed: switching to another case is no longer possible. You can still cancel.")
        case .notYetOpen:
            localizer.t("Registration opens on {date}: switching to another case is possible from then.", [
                "date": localizer.format.dateTime(event.opensAt, in: timeZone),
            ])
        }
        windowNotice = isActive ? notice ?? "" : ""
        hasWindowNotice = isActive && notice != nil
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
        .bool("canSwitch", \.canSwitch), .text("windowNotice", \.windowNotice), .bool("hasWindowNotice", \.hasWindowNotice),
        .bool("isClosed", \.isClosed), .list("cases", \.cases), .text("switchURL", \.switchURL), .text("cancelURL", \.cancelURL),
        .text("eventURL", \.eventURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
