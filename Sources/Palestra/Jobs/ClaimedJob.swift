import Foundation

/// A job a worker has claimed: it runs under this worker's lease until completed, failed or handed back.
struct ClaimedJob: Sendable {
    let id: Int
    let kind: String
    let arguments: String
    let attempt: Int
    let maxAttempts: Int
    /// Seconds from when it could first run (`run_at`) to its claim, by the database clock.
    let waitedSeconds: Double
}
