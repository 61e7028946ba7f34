import Foundation

/// How one job is enqueued: when it may run, its uniqueness key and its priority (lower runs first).
public struct JobOptions: Sendable {
    public var runAt: Date?
    public var uniqueKey: String?
    public var priority: Int

    public init(runAt: Date? = nil, uniqueKey: String? = nil, priority: Int = 0) {
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.priority = priority
    }
}
