/// When training data can no longer be changed, by anyone — one rule, in SQL for the admin engine's
/// read-only conditions and in Swift for the journal:
///
/// - an **archived group** and everything it holds (its sessions and their attendance) is read-only;
/// - a **closed session**'s attendance is read-only (an administrator may reopen it), and so are the
///   date, time and details of a closed session that was held.
enum TrainingReadOnly {
    /// A group row (of `training_groups` itself) is archived.
    static let archivedGroupRow = "is_archived"

    /// The group whose id is `groupID` is archived (a scalar subquery: a page of rows looks up its groups by key).
    static func archivedGroup(groupID: String) -> String {
        "COALESCE((SELECT g.is_archived FROM training_groups g WHERE g.id = \(groupID)), false)"
    }

    /// Session `sessionID` is closed (a scalar subquery).
    static func sessionClosed(sessionID: String) -> String {
        "COALESCE((SELECT s.is_closed FROM training_sessions s WHERE s.id = \(sessionID)), false)"
    }

    /// A session row (of `training_sessions` itself) was held and is closed: its details are final, as its attendance is.
    static let closedHeldSessionRow = "is_closed AND status = 'held'"

    /// The attendance of session `sessionID` (of group `groupID`) is read-only: the session is closed or its group archived.
    /// Scalar subqueries, not IN or EXISTS (which PostgreSQL turns into a hash of every closed session, built for each page).
    static func attendanceLocked(sessionID: String, groupID: String) -> String {
        "\(sessionClosed(sessionID: sessionID)) OR \(archivedGroup(groupID: groupID))"
    }

    /// The same rule in Swift: why a session's attendance is read-only, or `nil`.
    static func attendanceLock(isClosed: Bool, isGroupArchived: Bool) -> JournalLock? {
        if isClosed { return .closed }
        if isGroupArchived { return .archived }
        return nil
    }
}
