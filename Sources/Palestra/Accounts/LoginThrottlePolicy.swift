/// When sign-ins are slowed down or refused (OWASP's authentication cheat sheet):
///
/// - A browser that has signed in to the account before (its device cookie, ``LoginDeviceCookie``) is never
///   refused by the account's or the address's limits; its own failures count against it, and past
///   `deviceLimit` within `window` (since its last success) it is refused until the window passes.
/// - From unknown browsers: past `accountLimit` failures for one account within `window` (since its last
///   success), attempts for that account are refused; past `addressDelayAfter` failures from one address
///   each further attempt from it waits a little longer (``delay(afterAddressFailures:)``), and past
///   `addressLimit` attempts from it are refused. A refusal says when to try again.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var accountLimit = 10
    public var deviceLimit = 10
    public var addressDelayAfter = 20
    public var addressLimit = 50
    /// The added wait per failure past `addressDelayAfter`, up to `maximumDelay`.
    public var delayStep: Duration = .milliseconds(200)
    public var maximumDelay: Duration = .seconds(3)
    public var window: Duration = .seconds(15 * 60)

    public init() {}

    /// How long an attempt from an address with `failures` recent failures (from unknown browsers) waits
    /// before its password is checked.
    public func delay(afterAddressFailures failures: Int) -> Duration {
        guard failures >= addressDelayAfter else { return .zero }
        return min(delayStep * (failures - addressDelayAfter + 1), maximumDelay)
    }
}
