/// What became of a create or an edit.
enum LessonSaveOutcome: Sendable, Equatable {
    case saved(id: Int)
    /// A message (a catalog key) per field; nothing was written.
    case invalid(LessonFieldErrors)
    /// The teacher or the room is taken then; nothing was written.
    case conflict(LessonConflict)
    /// Someone changed the lesson since it was read (its version moved on); nothing was written.
    case stale
    /// The lesson is completed or cancelled (nothing can change), or in progress and only its description may.
    case readOnly
}

/// What became of a transition that reached a lesson the user sees.
enum LessonTransitionOutcome: Sendable, Equatable {
    /// Applied; with the lesson as the transition left it when it was asked for (read before the commit, in the
    /// same round trip as the transition's records).
    case done(Lesson?)
    /// Not offered to this user, not from this status, too early to start, or someone else was first.
    case refused(LessonRefusal)
}

/// Why a transition was refused, for the page's message and the API's 403/409.
enum LessonRefusal: Sendable, Equatable {
    case notYours
    case tooEarly
    case illegal(from: LessonStatus)
    case stale
    case reasonMissing
    case reasonTooLong
    /// A NUL character, which PostgreSQL cannot store (a form refuses it earlier, with 400; the API gets here).
    case reasonInvalid

    /// A catalog key.
    var message: String {
        switch self {
        case .notYours: CatalogKey.t("Only the lesson's teacher or an administrator can do that.")
        case .tooEarly: CatalogKey.t("A lesson can be started at the earliest 15 minutes before its start.")
        case .illegal: CatalogKey.t("The lesson's status has changed meanwhile: nothing was done. Here is the lesson as it is now.")
        case .stale: CatalogKey.t("Someone changed the lesson meanwhile: nothing was done. Here is the lesson as it is now.")
        case .reasonMissing: CatalogKey.t("Give a reason for the cancellation.")
        case .reasonTooLong: CatalogKey.t("The reason is longer than 500 characters.")
        case .reasonInvalid: CatalogKey.t("The reason cannot contain a NUL character.")
        }
    }
}
