import NIOPosix

/// Runs blocking work (file reads, argon2) on NIO's thread pool, never on an event loop or the
/// cooperative pool that serves requests.
func offload<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await NIOThreadPool.singleton.runIfActive(body)
}
