import Foundation
import Postgres

/// Every change to lessons: planning one, editing it, its transitions and the periodic completion. Each
/// runs in one transaction with its event (the history and the audit) and one notification per student
/// (``LessonNotices``): a change that rolls back tells no one.
struct LessonLifecycle: Sendable {
    let database: PostgresClient
    let notices: LessonNotices
    var timeZone: TimeZone { notices.timeZone }

    // MARK: Planning and editing

    /// Plans a lesson. A coach is always its teacher; an administrator chooses one.
    func create(_ draft: LessonDraft, by user: User) async throws -> LessonSaveOutcome {
        var draft = draft
        if user.role == .coach { draft.teacherID = String(user.id) }
        let plan: LessonPlan
        switch draft.validate(timeZone: timeZone) {
        case .invalid(let errors): return .invalid(errors)
        case .valid(let checked): plan = checked
        }
        do {
            return try await retryingTransaction(teacher: plan.teacherID) { connection in
                if let errors = try await LessonChoiceStore.refusedChoices(plan, on: connection) { return .invalid(errors) }
                let id = try await LessonStore.insert(plan, on: connection)
                let event = try await LessonStore.recordEvent(lesson: id, kind: .created, from: nil, to: .scheduled, actor: user, reason: nil, on: connection)
                try await notices.tell(plan.studentIDs, about: .created, lesson: id, event: event, on: connection)
                return .saved(id: id)
            }
        } catch let error as PostgresError {
            return try await conflict(error, plan: plan, excluding: nil)
        }
    }

    /// Edits a lesson the user conducts, at the version they saw: a scheduled one entirely (its teacher
    /// stays), an in-progress one only its description. Students added, removed, and (a new time or
    /// room) the others are told.
    func edit(_ lesson: Lesson, with draft: LessonDraft, version: Int, by user: User) async throws -> LessonSaveOutcome {
        guard lesson.status == .scheduled || lesson.status == .inProgress else { return .readOnly }
        var draft = draft
        draft.teacherID = String(lesson.teacher.id)
        if lesson.status == .inProgress {
            // Only the description changes: everything else stays as it is.
            let description = draft.description
            draft = LessonDraft.of(lesson, timeZone: timeZone)
            draft.description = description
        }
        let plan: LessonPlan
        switch draft.validate(timeZone: timeZone) {
        case .invalid(let errors): return .invalid(errors)
        case .valid(let checked): plan = checked
        }
        do {
            return try await retryingTransaction(teacher: plan.teacherID) { connection in
                if let errors = try await LessonChoiceStore.refusedChoices(plan, on: connection) { return .invalid(errors) }
                guard try await LessonStore.update(plan, of: lesson.id, version: version, statuses: [lesson.status], on: connection) else {
                    return .stale
                }
                let before = Set(lesson.students.map(\.id))
                let after = Set(plan.studentIDs)
                let moved = plan.startsAt != lesson.startsAt || plan.endsAt != lesson.endsAt || plan.roomID != lesson.roomID
                if lesson.status == .scheduled { try await LessonStore.setStudents(plan.studentIDs, of: lesson.id, on: connection) }
                guard moved || before != after || plan.title != lesson.title || plan.description != lesson.description else { return .saved(id: lesson.id) }
                let event = try await LessonStore.recordEvent(
                    lesson: lesson.id, kind: .changed, from: lesson.status, to: lesson.status, actor: user, reason: nil, on: connection
                )
                try await notices.tell(after.subtracting(before).sorted(), about: .added, lesson: lesson.id, event: event, on: connection)
                try await notices.tell(before.subtracting(after).sorted(), about: .removed, lesson: lesson.id, event: event, on: connection)
                if moved { try await notices.tell(before.intersection(after).sorted(), about: .moved, lesson: lesson.id, event: event, on: connection) }
                return .saved(id: lesson.id)
            }
        } catch let error as PostgresError {
            return try await conflict(error, plan: plan, excluding: lesson.id)
        }
    }

    /// A plan or an edit in one transaction, run again (at most five times in all) when PostgreSQL ends it as a
    /// deadlock's victim: two overlapping plans inserted at once can each wait for the other on the exclusion
    /// constraints, and they share their teacher's `lesson_tallies` row. Run again, it saves or names the winner.
    /// The teacher's plans and edits take turns (a transaction-scoped advisory lock in this space), so two of
    /// them never wait for each other on the teacher's constraint; rooms shared by teachers still can, rarely.
    static let teacherLockSpace = 7316

    private func retryingTransaction(
        teacher: Int, _ body: (PostgresConnection) async throws -> LessonSaveOutcome
    ) async throws -> LessonSaveOutcome {
        var attempt = 1
        while true {
            do {
                return try await database.transaction { connection in
                    try await connection.execute("SELECT pg_advisory_xact_lock(\(Self.teacherLockSpace), ($1::bigint % 2147483647)::int)", [teacher])
                    return try await body(connection)
                }
            } catch let error as PostgresError where error.isTransient && attempt < 5 {
                attempt += 1
            }
        }
    }

    /// A double booking the database refused, named; any other error goes on.
    private func conflict(_ error: PostgresError, plan: LessonPlan, excluding: Int?) async throws -> LessonSaveOutcome {
        guard case .exclusionViolation(let constraint) = error else { throw error }
        let found = try await LessonStore.conflicting(
            teacher: constraint == "lessons_teacher_overlap" ? plan.teacherID : -1, room: constraint == "lessons_room_overlap" ? plan.roomID : nil,
            startsAt: plan.startsAt, endsAt: plan.endsAt, excluding: excluding, on: database
        )
        guard let found else { throw error }
        return .conflict(LessonConflict(id: found.id, title: found.title, startsAt: found.startsAt, endsAt: found.endsAt, isRoom: constraint == "lessons_room_overlap"))
    }

    // MARK: Transitions

    /// Applies `transition` to the lesson `id` as `user` sees it at `version` (`nil`: whatever its version).
    /// `nil` when the user does not see the lesson (404).
    /// With `reading`, the outcome carries the lesson as the transition left it (for the API's answer), read
    /// inside the transaction in the round trip that writes its event and audit record.
    func apply(
        _ transition: LessonTransition, to id: Int, version: Int?, reason: String?, by user: User, reading: Bool = false
    ) async throws -> LessonTransitionOutcome? {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if transition == .cancel {
            guard let reason, !reason.isEmpty else { return try await refused(.reasonMissing, id, user) }
            guard reason.count <= LessonTransition.reasonLength.upperBound else { return try await refused(.reasonTooLong, id, user) }
            guard !reason.unicodeScalars.contains("\u{0}") else { return try await refused(.reasonInvalid, id, user) }
        }
        let applied = try await database.transaction { connection -> LessonTransitionOutcome? in
            guard let change = try await LessonStore.apply(transition, to: id, version: version, actor: user, reason: reason, on: connection) else {
                return nil
            }
            let lesson = try await record(
                transition, of: id, from: change.from, title: change.title, reason: reason, by: user, reading: reading, on: connection
            )
            return .done(lesson)
        }
        if let applied { return applied }
        // Nothing changed: say why, from the lesson as it is now.
        guard let lesson = try await LessonStore.lesson(id: id, access: LessonAccess(user: user), on: database) else { return nil }
        if !LessonAccess(user: user).mayConduct(lesson) { return .refused(.notYours) }
        if !transition.from.contains(lesson.status) { return .refused(.illegal(from: lesson.status)) }
        if let version, version != lesson.version { return .refused(.stale) }
        if transition == .start { return .refused(.tooEarly) }
        return .refused(.stale)
    }

    /// What follows an applied transition in its transaction: its event (the lesson's history), its audit record
    /// (who — `nil`: the system —, when, the status before and after, a cancellation's reason) and the read of the
    /// students to tell, in one round trip — with `reading`, the lesson read as `user` sees it too, returned —; then
    /// their notices.
    @discardableResult
    private func record(
        _ transition: LessonTransition, of id: Int, from: LessonStatus, title: String, reason: String?, by user: User?,
        reading: Bool = false, on connection: PostgresConnection
    ) async throws -> Lesson? {
        var changes = [FieldChange(field: "status", old: from.rawValue, new: transition.to.rawValue)]
        if let reason { changes.append(FieldChange(field: "cancel_reason", old: nil, new: reason)) }
        let audit = AuditEntry(actor: user, action: .change, objectType: LessonsAdmin.lessons.slug, objectID: String(id), objectLabel: title, changes: changes)
        var lessonRead: [PostgresStatement] = []
        if reading, let user { lessonRead = LessonStore.lessonStatements(id: id, access: LessonAccess(user: user)) }
        let read = try await connection.pipeline([
            LessonStore.eventStatement(lesson: id, kind: transition.eventKind, from: from, to: transition.to, actor: user, reason: reason),
            AuditStore.recordStatement([audit]),
            LessonNoticeStore.audienceStatement(lesson: id, students: nil),
        ] + lessonRead)
        try await notices.tell(
            try LessonNoticeStore.audience(from: read[2]), about: .transition(transition, reason: reason), lesson: id,
            event: try read[0][0].decode("id"), on: connection
        )
        return lessonRead.isEmpty ? nil : try LessonStore.lesson(from: read[3...])
    }

    /// A reason refused before anything is tried: `nil` (404) for a lesson the user does not see, "not yours" for one
    /// they may not conduct, else `refusal`.
    private func refused(_ refusal: LessonRefusal, _ id: Int, _ user: User) async throws -> LessonTransitionOutcome? {
        guard let lesson = try await LessonStore.lesson(id: id, access: LessonAccess(user: user), on: database) else { return nil }
        return LessonAccess(user: user).mayConduct(lesson) ? .refused(refusal) : .refused(.notYours)
    }

    /// Completes lessons still in progress 12 hours after their end, as the system, their students told; how many.
    func completeOverdue() async throws -> Int {
        try await database.transaction { connection in
            let ids = try await LessonStore.overdueInProgress(on: connection)
            for id in ids {
                guard let change = try await LessonStore.apply(.complete, to: id, version: nil, actor: nil, reason: nil, on: connection) else { continue }
                try await record(.complete, of: id, from: change.from, title: change.title, reason: nil, by: nil, on: connection)
            }
            return ids.count
        }
    }
}

extension LessonDraft {
    /// The lesson's fields as its edit form starts.
    static func of(_ lesson: Lesson, timeZone: TimeZone) -> LessonDraft {
        var draft = LessonDraft()
        draft.title = lesson.title
        draft.description = lesson.description
        draft.teacherID = String(lesson.teacher.id)
        draft.roomID = lesson.roomID.map(String.init) ?? ""
        draft.startsAt = Self.local(lesson.startsAt, timeZone)
        draft.endsAt = Self.local(lesson.endsAt, timeZone)
        draft.studentIDs = lesson.students.map { String($0.id) }
        return draft
    }

    /// `2026-12-07T10:00`, as a `datetime-local` input shows it.
    static func local(_ moment: Date, _ timeZone: TimeZone) -> String {
        let local = LocalMoment(moment, in: timeZone)
        return "\(local.date)T" + String(local.time.description.prefix(5))
    }
}
