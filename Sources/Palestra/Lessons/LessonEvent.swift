import Foundation

/// One line of a lesson's history: its creation, a transition, or an edit its students were told of.
struct LessonEvent: Sendable, Equatable {
    enum Kind: String, Sendable {
        case created, started, completed, cancelled, changed
    }

    let id: Int
    let kind: Kind
    let from: LessonStatus?
    let to: LessonStatus?
    /// `nil`: the system.
    let actorLabel: String?
    let reason: String?
    let occurredAt: Date
}

extension LessonTransition {
    var eventKind: LessonEvent.Kind {
        switch self {
        case .start: .started
        case .complete: .completed
        case .cancel: .cancelled
        }
    }
}
