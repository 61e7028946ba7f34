/// A kind of background job: a Swift type with `Codable` arguments, registered once in a
/// ``JobRegistry``. `run` may be called more than once for the same job (a retry, a worker that died
/// mid-job), so it must be safe to repeat.
public protocol JobKind: Sendable {
    associatedtype Arguments: Codable & Sendable

    /// The name stored in `jobs.kind`; never change it once jobs of the kind exist.
    static var name: String { get }
    /// Attempts before the job is discarded (default 20).
    static var maxAttempts: Int { get }
    /// The queue its jobs go to (default `default`).
    static var queue: String { get }
    /// Seconds before the next attempt after a failed one (default: about 15 s + attempt⁴, with jitter).
    static func retryDelay(afterAttempt attempt: Int) -> Double

    func run(_ arguments: Arguments, context: JobContext) async throws
}

extension JobKind {
    public static var maxAttempts: Int { 20 }
    public static var queue: String { "default" }
    public static func retryDelay(afterAttempt attempt: Int) -> Double { RetryPolicy.delay(afterAttempt: attempt) }
}
