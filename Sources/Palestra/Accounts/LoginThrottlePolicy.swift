/// When login attempts are refused: past `accountLimit` failures for one account, or `addressLimit`
/// from one client address, within `window`. A success clears an account's count.
public struct LoginThrottlePolicy: Sendable, Equatable {
    public var accountLimit = 10
    public var addressLimit = 50
    public var window: Duration = .seconds(15 * 60)

    public init() {}
}
