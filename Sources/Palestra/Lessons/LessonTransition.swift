import Foundation

/// The lifecycle's one table: each transition, the statuses it leaves, the status it reaches. The
/// store applies it in one conditional `UPDATE` (``LessonStore/apply(_:to:by:reason:on:)``), the pages
/// and the API offer a transition only when ``isOffered(for:to:now:)`` says so.
public enum LessonTransition: String, CaseIterable, Sendable {
    case start
    case complete
    case cancel

    public var from: Set<LessonStatus> {
        switch self {
        case .start: [.scheduled]
        case .complete: [.inProgress]
        case .cancel: [.scheduled, .inProgress]
        }
    }

    public var to: LessonStatus {
        switch self {
        case .start: .inProgress
        case .complete: .completed
        case .cancel: .cancelled
        }
    }

    /// A lesson starts at the earliest this long before its start time.
    static let earliestStart: TimeInterval = 15 * 60

    /// The reason a cancellation needs, in characters.
    static let reasonLength = 1...500

    /// Whether `user` may apply it to `lesson` at `now`: its teacher or an administrator, from one of
    /// the statuses it leaves, and a start not earlier than 15 minutes before the lesson's.
    func isOffered(for lesson: Lesson, to user: User, now: Date = Date()) -> Bool {
        LessonAccess(user: user).mayConduct(lesson) && from.contains(lesson.status)
            && (self != .start || now >= lesson.startsAt.addingTimeInterval(-Self.earliestStart))
    }

    /// The English button label, a catalog key.
    var label: String {
        switch self {
        case .start: CatalogKey.t("Start the lesson")
        case .complete: CatalogKey.t("Complete the lesson")
        case .cancel: CatalogKey.t("Cancel the lesson")
        }
    }

    /// The flash after it was applied, a catalog key.
    var doneMessage: String {
        switch self {
        case .start: CatalogKey.t("The lesson has started.")
        case .complete: CatalogKey.t("The lesson is completed.")
        case .cancel: CatalogKey.t("The lesson was cancelled.")
        }
    }
}
