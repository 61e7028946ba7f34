import Foundation

/// How one job is enqueued: when it may run, its uniqueness key and its priority (lower runs first).
public struct JobOptions: Sendable {
    public var runAt: Date?
    public var uniqueKey: String?
    public var priority: Int
    /// The key holds only while the job waits: once a worker starts it, the same key may be enqueued
    /// again. For jobs that read state when they start (a schedule re-sync): a change made while one
    /// runs needs another run, which a key held until the end would drop.
    public var uniqueUntilStarted: Bool

    public init(runAt: Date? = nil, uniqueKey: String? = nil, priority: Int = 0, uniqueUntilStarted: Bool = false) {
        self.runAt = runAt
        self.uniqueKey = uniqueKey
        self.priority = priority
        self.uniqueUntilStarted = uniqueUntilStarted
    }
}
