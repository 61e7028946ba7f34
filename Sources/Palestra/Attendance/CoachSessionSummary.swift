import Postgres

/// One line of `/coach`: a session, its group and how many of its athletes are marked.
struct CoachSessionSummary: Sendable {
    let id: Int
    let groupName: String
    let date: CalendarDate
    let startsAt: TimeOfDay
    let endsAt: TimeOfDay
    let location: String
    let status: JournalSession.Status
    let isClosed: Bool
    /// Members of the group on the session's date with a mark.
    let marked: Int
    /// Members of the group on the session's date.
    let members: Int
}
