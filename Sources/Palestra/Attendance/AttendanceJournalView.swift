import Foundation
import Postgres
import Mustache

/// `/coach/sessions/<id>`: a session's attendance journal, editable or read-only, with the user's
/// posted choices kept after a refused save (problems beside their rows, or a conflict with marks
/// saved meanwhile shown beside the choices).
struct AttendanceJournalView: Sendable {
    /// What the page says above the journal after a refused save.
    struct TallyItem: Sendable {
        let key: String
        let label: String
        let count: String
    }

    enum Notice: Sendable {
        case none
        case invalid
        case conflict
        case refused(String)
    }

    let groupName: String
    let when: String
    let time: String
    let location: String
    let hasLocation: Bool
    let status: String
    let statusKey: String
    let isClosed: Bool
    let markedSummary: String
    /// The saved marks counted by status, then the athletes not marked yet.
    let tally: [TallyItem]
    let rows: [AttendanceJournalRow]
    let hasAthletes: Bool
    let isEditable: Bool
    let lockMessage: String
    let isLocked: Bool
    let hasErrors: Bool
    let formErrors: [String]
    let hasConflict: Bool
    let refusal: String
    let isRefused: Bool
    let canClose: Bool
    let canReopen: Bool
    let formURL: String
    let closeURL: String
    let reopenURL: String
    let backURL = AttendanceURL.mySessions.path
    let sessionURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let version: String

    init(
        session: JournalSession, athletes: [JournalAthlete], user: User, today: CalendarDate, csrfToken: String,
        localizer: Localizer, timeZone: TimeZone,
        choices: [Int: AttendanceSubmission.Row]? = nil, validation: AttendanceSubmission.Validation? = nil, notice: Notice = .none
    ) {
        let format = localizer.format
        let lock = session.lock(today: today)
        groupName = session.groupName
        when = format.longDate(session.date)
        time = format.time(session.startsAt) + "–" + format.time(session.endsAt)
        location = session.location
        hasLocation = !session.location.isEmpty
        status = session.status.label(localizer)
        statusKey = session.status.rawValue
        isClosed = session.isClosed
        let marked = athletes.filter { $0.mark != nil }.count
        markedSummary = localizer.t("{marked} of {total} marked", ["marked": format.number(marked), "total": format.number(athletes.count)])
        tally = AttendanceStatus.allCases.map { status in
            TallyItem(key: status.rawValue, label: status.label(localizer), count: format.number(athletes.filter { $0.mark?.status == status }.count))
        } + [TallyItem(key: "none", label: localizer.t("Not marked"), count: format.number(athletes.count - marked))]
        isEditable = lock == nil
        let details = JournalNameDetail.details(of: athletes, localizer: localizer)
        let showsConflict: Bool
        if case .conflict = notice { showsConflict = true } else { showsConflict = false }
        rows = athletes.map { athlete in
            AttendanceJournalRow(
                athlete: athlete, detail: details[athlete.id], choice: choices?[athlete.id], problems: validation?.rowProblems[athlete.id] ?? [],
                showsConflict: showsConflict, localizer: localizer, timeZone: timeZone
            )
        }
        hasAthletes = !athletes.isEmpty
        lockMessage = lock?.message(localizer) ?? ""
        isLocked = lock != nil
        formErrors = (validation?.formProblems ?? []).map { $0.message(localizer) }
        if case .invalid = notice { hasErrors = true } else { hasErrors = false }
        hasConflict = showsConflict
        if case .refused(let message) = notice { refusal = message; isRefused = true } else { refusal = ""; isRefused = false }
        canClose = session.status == .held && !session.isClosed && !session.isGroupArchived
        canReopen = session.isClosed && user.isAdmin
        formURL = AttendanceURL.journal(session.id)
        closeURL = AttendanceURL.journalClose(session.id)
        reopenURL = AttendanceURL.journalReopen(session.id)
        sessionURL = AdminURL.changeForm(TrainingSessionsAdmin.resource.slug, String(session.id))
        self.csrfToken = csrfToken
        version = String(session.version)
    }
}

extension AttendanceJournalView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("groupName", \.groupName), .text("when", \.when), .text("time", \.time), .text("location", \.location),
        .bool("hasLocation", \.hasLocation), .text("status", \.status), .text("statusKey", \.statusKey),
        .bool("isClosed", \.isClosed), .text("markedSummary", \.markedSummary), .list("tally", \.tally), .list("rows", \.rows),
        .bool("hasAthletes", \.hasAthletes), .bool("isEditable", \.isEditable), .text("lockMessage", \.lockMessage),
        .bool("isLocked", \.isLocked), .bool("hasErrors", \.hasErrors), .list("formErrors", \.formErrors),
        .bool("hasConflict", \.hasConflict), .text("refusal", \.refusal), .bool("isRefused", \.isRefused),
        .bool("canClose", \.canClose), .bool("canReopen", \.canReopen), .text("formURL", \.formURL),
        .text("closeURL", \.closeURL), .text("reopenURL", \.reopenURL), .text("backURL", \.backURL),
        .text("sessionURL", \.sessionURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
        .text("version", \.version),
    ])
}

extension AttendanceJournalView.TallyItem: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("key", \.key), .text("label", \.label), .text("count", \.count),
    ])
}
