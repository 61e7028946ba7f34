/// How saving a journal ended.
enum JournalSaveOutcome: Sendable {
    /// Saved (or nothing differed); how many athletes' marks or notes this save changed.
    case saved(changed: Int)
    /// The journal is read-only; nothing saved.
    case locked(JournalLock)
    /// The form was loaded before another save, close or reopen of the session; nothing saved.
    case stale
    /// Problems with rows or ids; nothing saved.
    case invalid(AttendanceSubmission.Validation)
}
