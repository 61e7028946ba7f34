import Foundation
import Postgres

/// What the journal pages do: save a session's marks, close and reopen it, close old sessions. Each
/// runs in one transaction holding the session's row lock, with its audit records.
struct AttendanceJournal: Sendable {
    /// The `object_type` of attendance records' audit entries, and so the attendance admin's slug: the
    /// desk's history of a record shows the journal's changes too.
    static let recordAuditType = "attendance"
    /// The `object_type` of sessions' audit entries (the training sessions' admin resource).
    static let sessionAuditType = "training-sessions"

    let store: AttendanceStore
    let timeZone: TimeZone
    /// Tells the coach of a reopened session, and the administrators of sessions closed with no marks.
    let notices: SessionNotices

    var database: PostgresClient { store.database }

    /// Today on the organisation's clock.
    func today(now: Date = Date()) -> CalendarDate { .today(in: timeZone, now: now) }

    /// Saves a submitted journal: all its marks or none. Each changed record is audited; the session's
    /// version is raised and a planned session becomes held. `nil` when the session is outside the
    /// user's groups.
    func save(_ submission: AttendanceSubmission, session id: Int, by user: User, address: String) async throws -> JournalSaveOutcome? {
        let today = today()
        return try await database.transaction { connection -> JournalSaveOutcome? in
            guard let session = try await AttendanceStore.lockSession(id: id, access: TrainingGroupAccess(user: user, for: .change), on: connection) else { return nil }
            if let lock = session.lock(today: today) { return .locked(lock) }
            guard submission.version == session.version else { return .stale }
            let athletes = try await AttendanceStore.athletes(of: session, on: connection)
            // A record changed at the desk since the form was loaded (its version moved on) is not overwritten.
            let versions = Dictionary(athletes.map { ($0.id, $0.mark?.version) }, uniquingKeysWith: { first, _ in first })
            let changedMeanwhile = submission.rows.contains { row in
                guard case .some(let loaded) = row.loadedRecordVersion, case .some(let current) = versions[row.athleteID] else { return false }
                return loaded != current
            }
            if changedMeanwhile { return .stale }
            let validation = submission.validate(against: athletes)
            guard validation.isValid else { return .invalid(validation) }
            guard !validation.marks.isEmpty else { return .saved(changed: 0) }
            let recordIDs = try await AttendanceStore.upsert(validation.marks, session: session.id, user: user.id, on: connection)
            let byID = Dictionary(athletes.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let entries = validation.marks.compactMap { mark -> AuditEntry? in
                guard let athlete = byID[mark.athleteID], let recordID = recordIDs[mark.athleteID] else { return nil }
                return Self.auditEntry(mark, before: athlete.mark, recordID: recordID, label: "\(athlete.fullName) — \(session.label)", user: user, address: address)
            }
            var sessionChanges: [FieldChange] = []
            if session.status == .planned { sessionChanges.append(FieldChange(field: "status", old: "planned", new: "held")) }
            try await AttendanceStore.recordSave(session: session.id, on: connection)
            try await AuditStore.record(
                entries + (sessionChanges.isEmpty ? [] : [Self.sessionEntry(session, sessionChanges, reason: "attendance saved", user: user, address: address)]),
                on: connection
            )
            return .saved(changed: recordIDs.count)
        }
    }

    /// Closes a held session (its coach or an administrator), audited.
    func close(session id: Int, by user: User, address: String) async throws -> JournalStateChange? {
        try await database.transaction { connection -> JournalStateChange? in
            guard let session = try await AttendanceStore.lockSession(id: id, access: TrainingGroupAccess(user: user, for: .change), on: connection) else { return nil }
            if session.isClosed { return .refused(.alreadyClosed) }
            if session.isGroupArchived { return .refused(.archived) }
            guard session.status == .held else { return .refused(.notHeld) }
            try await AttendanceStore.close(session: session.id, on: connection)
            let change = FieldChange(field: "is_closed", old: "false", new: "true")
            try await AuditStore.record(Self.sessionEntry(session, [change], reason: "closed from the journal", user: user, address: address), on: connection)
            return .done
        }
    }

    /// Reopens a closed session (administrators only: the route's policy), audited; its coach is told.
    func reopen(session id: Int, by user: User, address: String) async throws -> JournalStateChange? {
        try await database.transaction { connection -> JournalStateChange? in
            guard let session = try await AttendanceStore.lockSession(id: id, access: TrainingGroupAccess(user: user, for: .change), on: connection) else { return nil }
            guard session.isClosed else { return .refused(.notClosed) }
            try await AttendanceStore.reopen(session: session.id, on: connection)
            let change = FieldChange(field: "is_closed", old: "true", new: "false")
            try await AuditStore.record(Self.sessionEntry(session, [change], reason: "reopened from the journal", user: user, address: address), on: connection)
            try await notices.sessionReopened(session, by: user, on: connection)
            return .done
        }
    }

    /// Closes the open sessions dated `days` or more days before today (sessions reopened less than
    /// `days` days ago wait), each audited; how many. The administrators are told of those nobody marked.
    func closeOld(days: Int, now: Date = Date()) async throws -> Int {
        guard let cutoff = today(now: now).adding(days: -days) else { return 0 }
        return try await database.transaction { connection in
            let closed = try await AttendanceStore.closeOld(onOrBefore: cutoff, reopenGraceDays: days, on: connection)
            try await AuditStore.record(
                closed.map { session in
                    AuditEntry(
                        actor: nil, action: .change, objectType: Self.sessionAuditType, objectID: String(session.id), objectLabel: session.label,
                        changes: [
                            FieldChange(field: "is_closed", old: "false", new: "true"),
                            FieldChange(field: "reason", old: nil, new: "closed automatically \(days) days after its date"),
                        ]
                    )
                },
                on: connection
            )
            try await notices.sessionsLeftUnmarked(closed.filter(\.isUnmarked), on: connection)
            return closed.count
        }
    }

    private static func auditEntry(
        _ mark: AttendanceMark, before: JournalAthlete.Mark?, recordID: Int, label: String, user: User, address: String
    ) -> AuditEntry {
        var changes: [FieldChange] = []
        if before?.status != mark.status { changes.append(FieldChange(field: "status", old: before?.status.rawValue, new: mark.status.rawValue)) }
        if before?.note != mark.note && !(before == nil && mark.note.isEmpty) {
            changes.append(FieldChange(field: "note", old: before?.note, new: mark.note))
        }
        return AuditEntry(
            actor: user, action: before == nil ? .add : .change, objectType: recordAuditType, objectID: String(recordID),
            objectLabel: label, changes: changes, address: address
        )
    }

    private static func sessionEntry(
        _ session: JournalSession, _ changes: [FieldChange], reason: String, user: User, address: String
    ) -> AuditEntry {
        AuditEntry(
            actor: user, action: .change, objectType: sessionAuditType, objectID: String(session.id), objectLabel: session.label,
            changes: changes + [FieldChange(field: "reason", old: nil, new: reason)], address: address
        )
    }
}
