import Foundation
import Mustache

/// The public page of an event: its description, its cases with their free seats, and the form that
/// chooses one (only while the event is open); after a refused choice, the reason above the form.
struct DebateEventView: Sendable {
    let title: String
    let descriptionHTML: String
    let windowNotice: String
    let hasWindowNotice: Bool
    let isOpen: Bool
    let notice: String
    let hasNotice: Bool
    let cases: [DebateCaseChoice]
    let caseError: String
    let hasCaseError: Bool
    let fullName: DebateFormField
    let email: DebateFormField
    let affiliation: DebateFormField
    let chooseURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let fullCases: [DebateCaseChoice]
    let hasFullCases: Bool
    let waitlistURL: String

    init(
        event: DebateEvent, cases: [DebateCaseSeats], now: Date, form: DebateFormEntry, notice: String?,
        csrfToken: String, localizer: Localizer, timeZone: TimeZone
    ) {
        title = event.title
        descriptionHTML = Markdown.html(event.description)
        let window = event.window(at: now)
        switch window {
        case .notYetOpen:
            windowNotice = localizer.t("Registration opens on {date}.", ["date": localizer.format.dateTime(event.opensAt, in: timeZone)])
        case .closed:
            windowNotice = localizer.t("Registration is closed.")
        case .open:
            windowNotice = localizer.t("Registration is open until {date}.", ["date": localizer.format.dateTime(event.closesAt, in: timeZone)])
        }
        hasWindowNotice = true
        isOpen = window == .open
        self.notice = notice ?? ""
        hasNotice = notice != nil
        self.cases = cases.map { DebateCaseChoice($0, chosen: form.chosenCase, localizer: localizer) }
        caseError = form.problems["case"].map(localizer.t) ?? ""
        hasCaseError = form.problems["case"] != nil
        fullName = DebateFormField("full_name", form: form, localizer: localizer)
        email = DebateFormField("email", form: form, localizer: localizer)
        affiliation = DebateFormField("affiliation", form: form, localizer: localizer)
        chooseURL = DebateURL.choose(.value(event.slug)).path
        self.csrfToken = csrfToken
        fullCases = self.cases.filter(\.isFull)
        hasFullCases = isOpen && !fullCases.isEmpty
        waitlistURL = DebateURL.waitlist(.value(event.slug)).path
    }
}

extension DebateEventView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .html("descriptionHTML", \.descriptionHTML), .text("windowNotice", \.windowNotice),
        .bool("hasWindowNotice", \.hasWindowNotice), .bool("isOpen", \.isOpen), .text("notice", \.notice), .bool("hasNotice", \.hasNotice),
        .list("cases", \.cases), .text("caseError", \.caseError), .bool("hasCaseError", \.hasCaseError),
        .object("fullName", \.fullName), .object("email", \.email), .object("affiliation", \.affiliation),
        .text("chooseURL", \.chooseURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
        .list("fullCases", \.fullCases), .bool("hasFullCases", \.hasFullCases), .text("waitlistURL", \.waitlistURL),
    ])
}
