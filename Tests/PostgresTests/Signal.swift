import TestSupport

/// A one-shot signal between tasks, without sleeping. One task waits; waiting gives up after a deadline
/// so a test whose other side failed ends instead of hanging.
final class Signal: Sendable {
    private let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self)
    }

    func fire() {
        continuation.finish()
    }

    func wait(timeout: Duration = .seconds(10)) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask { [stream] in
                for await _ in stream {}
                return true
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return false
            }
            let fired = try await group.next() ?? false
            group.cancelAll()
            if !fired { throw TimedOut(what: "a signal from another task") }
        }
    }
}
