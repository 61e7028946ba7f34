/// Polls `condition` until it holds; after `timeout` it throws `TimedOut`, which fails the test with
/// what was awaited. The one way the tests wait for work done elsewhere (a worker, a process, a
/// listener's connection): never a fixed sleep.
public func eventually(
    _ what: String,
    timeout: Duration = .seconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw TimedOut(what: what) }
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// A wait that gave up: `eventually`'s condition, or another task's signal, did not come in time.
public struct TimedOut: Error, CustomStringConvertible {
    public let what: String

    public init(what: String) {
        self.what = what
    }

    public var description: String { "timed out waiting until \(what)" }
}
