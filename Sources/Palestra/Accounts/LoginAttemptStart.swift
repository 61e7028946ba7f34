import Foundation

/// What the throttle says before a password is checked.
enum LoginAttemptStart: Sendable {
    /// Go ahead after `delay`; the attempt is recorded (as a failure until it succeeds).
    case recorded(id: Int, delay: Duration)
    /// Refused until then, the password unchecked.
    case locked(until: Date)
}
