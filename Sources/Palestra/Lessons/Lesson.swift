import Foundation

/// A lesson as its pages and the API show it.
public struct Lesson: Sendable, Equatable {
    public struct Person: Sendable, Equatable {
        public let id: Int
        public let name: String
    }

    public let id: Int
    public let title: String
    public let description: String
    public let teacher: Person
    public let roomID: Int?
    public let roomName: String?
    public let startsAt: Date
    public let endsAt: Date
    public let status: LessonStatus
    public let startedAt: Date?
    public let completedAt: Date?
    public let cancelledAt: Date?
    public let cancelledByName: String?
    public let cancelReason: String?
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date
    /// By name.
    public var students: [Person]

    /// A scheduled lesson whose end is more than 12 hours past: not held, until someone completes or cancels it.
    func isNotHeld(now: Date = Date()) -> Bool {
        status == .scheduled && endsAt < now.addingTimeInterval(-12 * 3600)
    }
}
