/// Does nothing: the queue's own cost, measured by `make bench-queue`.
public struct NoOpJob: JobKind {
    public struct Arguments: Codable, Sendable {
        public init() {}
    }

    public static let name = "palestra.noop"

    public init() {}

    public func run(_ arguments: Arguments, context: JobContext) async throws {}
}

/// Waits: a job that takes time, for the tests of leases and shutdown and for trying a deployment.
public struct SleepJob: JobKind {
    public struct Arguments: Codable, Sendable {
        public let milliseconds: Int
        public init(milliseconds: Int) { self.milliseconds = milliseconds }
    }

    public static let name = "palestra.sleep"
    public static var maxAttempts: Int { 3 }

    public init() {}

    public func run(_ arguments: Arguments, context: JobContext) async throws {
        try await Task.sleep(for: .milliseconds(min(max(arguments.milliseconds, 0), 3_600_000)))
    }
}
