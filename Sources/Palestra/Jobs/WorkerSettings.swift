import Foundation

/// How a process's workers behave.
public struct WorkerSettings: Sendable, Equatable {
    /// Jobs run at once in this process (`--workers`); 0 runs none.
    public var slots: Int
    public var queues: [String]
    /// A running job's lease; renewed every third of it by the process's heartbeat.
    public var leaseSeconds: Int
    /// Polling when no `NOTIFY` arrives.
    public var pollInterval: Duration
    /// On SIGTERM, how long running jobs may finish before they are handed back.
    public var shutdownTimeout: Duration
    /// Finished jobs are deleted after this long.
    public var retentionSeconds: Int

    public init(
        slots: Int = 4, queues: [String] = ["default"], leaseSeconds: Int = 30, pollInterval: Duration = .seconds(1),
        shutdownTimeout: Duration = .seconds(10), retentionSeconds: Int = 7 * 24 * 3600
    ) {
        self.slots = slots
        self.queues = queues
        self.leaseSeconds = leaseSeconds
        self.pollInterval = pollInterval
        self.shutdownTimeout = shutdownTimeout
        self.retentionSeconds = retentionSeconds
    }
}
