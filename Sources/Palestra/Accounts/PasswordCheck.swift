import Foundation

/// Whether a re-entered password (e.g. the current one, to change it) was right.
enum PasswordCheck: Sendable {
    case right
    case wrong
    /// Too many wrong passwords for this account: refused until then.
    case throttled(until: Date)
}
