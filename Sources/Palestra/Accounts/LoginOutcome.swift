import Foundation

/// How a login attempt ended.
enum LoginOutcome: Sendable {
    /// Signed in; the browser's device cookie is to hold `deviceToken`.
    case signedIn(BrowserSession, deviceToken: String)
    /// Unknown email, wrong password or inactive account: the user is told the same in each case.
    case refused
    /// Too many failures: attempts are refused until then.
    case throttled(until: Date)
}
