import Postgres

/// A training session as its attendance journal sees it: what it is, whose group, and whether marks
/// may still be changed.
struct JournalSession: Sendable {
    enum Status: String, Sendable {
        case planned
        case held
        case cancelled

        func label(_ localizer: Localizer) -> String {
            switch self {
            case .planned: localizer.t("Planned")
            case .held: localizer.t("Held")
            case .cancelled: localizer.t("Cancelled")
            }
        }
    }

    let id: Int
    let groupID: Int
    let groupName: String
    /// An archived group's sessions are read-only for everyone.
    let isGroupArchived: Bool
    let date: CalendarDate
    let startsAt: TimeOfDay
    let endsAt: TimeOfDay
    let location: String
    let status: Status
    let isClosed: Bool
    /// The session row's version: every save of the journal, close and reopen raises it, so a form
    /// loaded before another one was saved is recognised as stale.
    let version: Int

    /// "U-12 Football, 2026-11-21 18:00": the label of its audit records.
    var label: String { "\(groupName), \(date) \(LocalizedFormat(language: .en).time(startsAt))" }

    /// Why marks cannot be changed now, or `nil` when they can (`today` on the organisation's clock).
    func lock(today: CalendarDate) -> JournalLock? {
        if let lock = TrainingReadOnly.attendanceLock(isClosed: isClosed, isGroupArchived: isGroupArchived) { return lock }
        if status == .cancelled { return .cancelled }
        if date > today { return .notYet }
        return nil
    }
}
