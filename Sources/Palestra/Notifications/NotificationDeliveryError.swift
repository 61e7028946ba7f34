/// Why a notification could not be sent; the job fails with it and is retried.
enum NotificationDeliveryError: Error, CustomStringConvertible, Equatable {
    case maildir(folder: String, reason: String)
    case sendmailNotStarted(path: String, reason: String)
    case sendmailFailed(path: String, status: Int32, output: String)
    case sendmailTimedOut(path: String, after: Duration)

    var description: String {
        switch self {
        case .maildir(let folder, let reason):
            "cannot write to the maildir folder \(folder): \(reason)"
        case .sendmailNotStarted(let path, let reason):
            "cannot start \(path): \(reason)"
        case .sendmailFailed(let path, let status, let output):
            "\(path) exited with status \(status)" + (output.isEmpty ? "" : ": \(output)")
        case .sendmailTimedOut(let path, let limit):
            "\(path) did not finish within \(limit) and was stopped"
        }
    }
}
