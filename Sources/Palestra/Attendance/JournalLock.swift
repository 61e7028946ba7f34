/// Why a session's journal is read-only.
enum JournalLock: Sendable, Equatable {
    /// Closed by its coach, an administrator or the daily auto-close; an administrator may reopen it.
    case closed
    /// The session's group is archived.
    case archived
    /// The session was cancelled: there is nothing to mark.
    case cancelled
    /// The session's date is still ahead: marks are taken from its day on.
    case notYet

    /// The explanation shown above the journal, in the reader's language.
    func message(_ localizer: Localizer) -> String {
        switch self {
        case .closed: localizer.t("This session is closed: its journal is read-only.")
        case .archived: localizer.t("The session's group is archived: its sessions cannot be changed.")
        case .cancelled: localizer.t("This session was cancelled: there is no attendance to mark.")
        case .notYet: localizer.t("This session has not happened yet: attendance can be marked from its day on.")
        }
    }
}
