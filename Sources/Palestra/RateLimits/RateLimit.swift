/// A limit on how many requests one client address may make to a bucket of routes in a window:
/// `RateLimit(bucket: "debate-registration", limit: 10, window: .seconds(3600))`. A limit of 0 is off.
public struct RateLimit: Sendable, Equatable {
    /// The counter's name: routes that share a bucket share the count.
    public let bucket: String
    public let limit: Int
    /// Whole seconds, at least one.
    public let window: Duration

    public init(bucket: String, limit: Int, window: Duration) {
        precondition(!bucket.isEmpty && bucket.count <= 100, "a rate limit's bucket is named with 1 to 100 characters")
        precondition(limit >= 0, "a rate limit is 0 (off) or more requests")
        precondition(window >= .seconds(1), "a rate limit's window lasts at least a second")
        self.bucket = bucket
        self.limit = limit
        self.window = window
    }

    public var isOff: Bool { limit == 0 }
}
