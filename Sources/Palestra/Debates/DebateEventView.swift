import Foundation
import Mustache

/// The public page of an event: its description, its cases with their free seats, and the form that
/// chooses one (only while the event is open); after a refused choice, the reason above the form. While
/// a case is full, the waiting-list form below it; a waiting-list submission refused because its case
/// has seats again (`seatsAgain`, its name) fills the registration form instead and says so beside its cases.
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
    let caseOffer: String
    let hasCaseOffer: Bool
    let fullName: DebateFormField
    let email: DebateFormField
    let affiliation: DebateFormField
    let trapID = "debate-website"
    let chooseURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let hasFullCases: Bool
    let waitlist: DebateWaitlistForm
    let waitlistURL: String
    /// The waiting list's heading: its form posts to `…#debate-waitlist`, so a refused submission opens there.
    static let waitlistAnchor = "debate-waitlist"
    let waitlistAnchor = Self.waitlistAnchor

    init(
        event: DebateEvent, cases: [DebateCaseSeats], now: Date, form: DebateFormEntry, notice: String?,
        waitlistForm: DebateFormEntry = DebateFormEntry(), seatsAgain: String? = nil,
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
        caseOffer = seatsAgain.map {
            localizer.t("{case} has free seats again, so you can register for it now: your details are filled in below, choose Continue.", ["case": $0])
        } ?? ""
        hasCaseOffer = seatsAgain != nil
        fullName = DebateFormField("full_name", form: form, localizer: localizer)
        email = DebateFormField("email", form: form, localizer: localizer)
        affiliation = DebateFormField("affiliation", form: form, localizer: localizer)
        chooseURL = DebateURL.choose(.value(event.slug)).path
        self.csrfToken = csrfToken
        let fullCases = cases.filter(\.isFull)
        hasFullCases = isOpen && !fullCases.isEmpty
        // The waiting list's own messages, and a pointer up to the registration form when it was filled instead.
        waitlist = DebateWaitlistForm(
            fullCases: fullCases, form: waitlistForm,
            caseNote: seatsAgain.map { localizer.t("{case} has free seats again: register for it in the form above.", ["case": $0]) },
            localizer: localizer
        )
        waitlistURL = DebateURL.waitlist(.value(event.slug)).path + "#" + Self.waitlistAnchor
    }
}

extension DebateEventView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .html("descriptionHTML", \.descriptionHTML), .text("windowNotice", \.windowNotice),
        .bool("hasWindowNotice", \.hasWindowNotice), .bool("isOpen", \.isOpen), .text("notice", \.notice), .bool("hasNotice", \.hasNotice),
        .list("cases", \.cases), .text("caseError", \.caseError), .bool("hasCaseError", \.hasCaseError),
        .text("caseOffer", \.caseOffer), .bool("hasCaseOffer", \.hasCaseOffer),
        .object("fullName", \.fullName), .object("email", \.email), .object("affiliation", \.affiliation), .text("trapID", \.trapID),
        .text("chooseURL", \.chooseURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
        .bool("hasFullCases", \.hasFullCases), .object("waitlist", \.waitlist), .text("waitlistURL", \.waitlistURL),
        .text("waitlistAnchor", \.waitlistAnchor),
    ])
}
