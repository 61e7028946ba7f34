/// Where a job is in its life (`jobs.state`). Waiting: available, scheduled, retryable; then running;
/// finished: completed, discarded (out of attempts, or by an administrator) or cancelled.
public enum JobState: String, CaseIterable, Sendable {
    case available
    case scheduled
    case running
    case retryable
    case completed
    case discarded
    case cancelled

    /// The English label, a catalog key.
    public var label: String {
        switch self {
        case .available: "Available"
        case .scheduled: "Scheduled"
        case .running: "Running"
        case .retryable: "Waiting to retry"
        case .completed: "Completed"
        case .discarded: "Discarded"
        // Not "Cancelled": a training session's status has that key, and Russian needs another gender here
        case .cancelled: "Cancelled (job)"
        }
    }

    public var isFinished: Bool {
        switch self {
        case .completed, .discarded, .cancelled: true
        case .available, .scheduled, .running, .retryable: false
        }
    }

    static let choices = allCases.map { AdminChoice($0.rawValue, $0.label) }
}
