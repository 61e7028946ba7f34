import Mustache

/// The page that asks before a held session is closed from its journal: what closing does, who can undo it,
/// and how many athletes are still without a mark. Only its POST closes the session.
struct JournalCloseView: Sendable {
    let heading: String
    let sessionLabel: String
    let consequence: String
    let unmarked: String
    let hasUnmarked: Bool
    let closeURL: String
    let journalURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(session: JournalSession, unmarkedCount: Int, csrfToken: String, localizer: Localizer) {
        heading = localizer.t("Close this session?")
        sessionLabel = localizer.t("{group}, {date}, {start}–{end}", [
            "group": session.groupName, "date": localizer.format.longDate(session.date),
            "start": localizer.format.time(session.startsAt), "end": localizer.format.time(session.endsAt),
        ])
        consequence = localizer.t("Once it is closed, nobody can change its marks. Only an administrator can reopen it, from its journal.")
        unmarked = localizer.plural("{count} athletes have no mark yet.", count: unmarkedCount)
        hasUnmarked = unmarkedCount > 0
        closeURL = AttendanceURL.journalClose(session.id)
        journalURL = AttendanceURL.journal(session.id)
        self.csrfToken = csrfToken
    }
}

extension JournalCloseView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("sessionLabel", \.sessionLabel), .text("consequence", \.consequence),
        .text("unmarked", \.unmarked), .bool("hasUnmarked", \.hasUnmarked), .text("closeURL", \.closeURL),
        .text("journalURL", \.journalURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
