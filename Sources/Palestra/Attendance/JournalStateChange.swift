/// How a close or reopen of a session ended.
enum JournalStateChange: Sendable, Equatable {
    case done
    /// Refused; the English reason is shown as the page's message.
    case refused(Reason)

    enum Reason: Sendable, Equatable {
        case alreadyClosed
        case notClosed
        case notHeld
        case archived

        func message(_ localizer: Localizer) -> String {
            switch self {
            case .alreadyClosed: localizer.t("This session is already closed.")
            case .notClosed: localizer.t("This session is not closed.")
            case .notHeld: localizer.t("Only a held session can be closed: save its attendance first.")
            case .archived: localizer.t("The session's group is archived: its sessions cannot be changed.")
            }
        }
    }
}
