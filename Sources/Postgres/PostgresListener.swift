import CLibPQ
import Logging
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dedicated connection behind ``PostgresClient/listen(channel:)``.
///
/// Waiting for notifications blocks a thread for as long as the listener lives, so each listener has
/// its own one-thread `NIOThreadPool` instead of taking one from the client's pool. ``stop()`` wakes
/// that wait through a pipe.
final class PostgresListener: Sendable {
    private let channel: String
    private let configuration: PostgresConfiguration
    private let logger: Logger
    private let continuation: AsyncStream<PostgresListenEvent>.Continuation
    private let onFinish: @Sendable () -> Void
    /// `poll` watches the read end; ``stop()`` writes to the other. A failure to create it (out of file
    /// descriptors) ends the listener at once, logged, instead of crashing the process.
    private let wakePipe: Result<WakePipe, PostgresError>
    private let stopped = Atomic<Bool>(false)
    private let task = Mutex<Task<Void, Never>?>(nil)

    static let initialBackoff = Duration.milliseconds(50)
    static let maximumBackoff = Duration.seconds(2)

    init(
        channel: String,
        configuration: PostgresConfiguration,
        logger: Logger,
        continuation: AsyncStream<PostgresListenEvent>.Continuation,
        onFinish: @escaping @Sendable () -> Void,
        makeWakePipe: () -> Result<WakePipe, PostgresError> = WakePipe.make
    ) {
        self.channel = channel
        self.configuration = configuration
        self.logger = logger
        self.continuation = continuation
        self.onFinish = onFinish
        self.wakePipe = makeWakePipe()
    }

    deinit {
        if case .success(let pipe) = wakePipe {
            close(pipe.readDescriptor)
            close(pipe.writeDescriptor)
        }
    }

    var isStopped: Bool { stopped.load(ordering: .acquiring) }

    func start() {
        task.withLock { task in
            task = Task { await self.run() }
        }
    }

    /// Ends the listener: wakes its wait, cancels its backoff; it then closes its connection.
    func stop() {
        guard !stopped.exchange(true, ordering: .acquiringAndReleasing) else { return }
        if case .success(let pipe) = wakePipe {
            var byte: UInt8 = 1
            _ = write(pipe.writeDescriptor, &byte, 1)
        }
        task.withLock { $0?.cancel() }
    }

    func waitUntilFinished() async {
        await task.withLock { $0 }?.value
    }

    private func run() async {
        let pipe: WakePipe
        switch wakePipe {
        case .success(let created):
            pipe = created
        case .failure(let error):
            logger.error(
                "PostgreSQL LISTEN cannot start; the notification stream ends",
                metadata: ["channel": "\(channel)", "error": "\(error)"]
            )
            continuation.finish()
            onFinish()
            return
        }
        let threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
        var backoff = Self.initialBackoff
        while !isStopped {
            var connection: PostgresConnection?
            do {
                let opened = try await PostgresConnection.connect(
                    configuration: configuration, threadPool: threadPool, logger: logger
                )
                connection = opened
                try await opened.execute("LISTEN " + Self.quotedIdentifier(channel))
                if !isStopped {
                    continuation.yield(.listening)
                    backoff = Self.initialBackoff
                }
                while !isStopped {
                    let wakeDescriptor = pipe.readDescriptor
                    let notifications = try await PostgresConnection.run(on: threadPool) {
                        try opened.withOpenHandle { pointer in
                            try Self.waitForNotifications(on: pointer, wakeDescriptor: wakeDescriptor)
                        }
                    }
                    for notification in notifications {
                        continuation.yield(notification)
                    }
                }
            } catch {
                if !isStopped {
                    logger.warning(
                        "PostgreSQL LISTEN connection failed; reconnecting",
                        metadata: ["channel": "\(channel)", "error": "\(error)", "backoff": "\(backoff)"]
                    )
                }
            }
            if let connection {
                await connection.close()
            }
            guard !isStopped else { break }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, Self.maximumBackoff)
        }
        continuation.finish()
        onFinish()
        do {
            try await threadPool.shutdownGracefully()
        } catch {
            logger.warning("listener thread pool did not shut down cleanly", metadata: ["error": "\(error)"])
        }
    }

    /// Blocks until notifications arrive (returned), the wake pipe is written (empty result) or the
    /// connection fails (throws ``PostgresError/connectionLost(_:)``).
    private static func waitForNotifications(
        on pointer: OpaquePointer,
        wakeDescriptor: Int32
    ) throws -> [PostgresListenEvent] {
        while true {
            guard PQconsumeInput(pointer) == 1, PQstatus(pointer) == CONNECTION_OK else {
                throw PostgresError.connectionLost(PostgresConnection.errorMessage(of: pointer))
            }
            var events = [PostgresListenEvent]()
            while let notify = PQnotifies(pointer) {
                let channel = notify.pointee.relname.map { String(cString: $0) } ?? ""
                let payload = notify.pointee.extra.map { String(cString: $0) } ?? ""
                events.append(.notification(channel: channel, payload: payload))
                PQfreemem(notify)
            }
            if !events.isEmpty { return events }
            let socket = PQsocket(pointer)
            guard socket >= 0 else { throw PostgresError.connectionLost("the connection has no socket") }
            var descriptors = [
                pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                guard errno == EINTR else { throw PostgresError.connectionLost("poll failed with errno \(errno)") }
                continue
            }
            if descriptors[1].revents != 0 { return [] }
        }
    }

    /// The self-pipe that wakes a listener blocked in `poll`.
    struct WakePipe: Sendable {
        let readDescriptor: Int32
        let writeDescriptor: Int32

        /// `pipe()`, or ``PostgresError/connectionFailed(_:)`` naming errno when it fails.
        static func make() -> Result<WakePipe, PostgresError> {
            var descriptors: [Int32] = [-1, -1]
            guard pipe(&descriptors) == 0 else {
                let code = errno
                let reason = strerror(code).flatMap { String(validatingCString: $0) } ?? "unknown error"
                return .failure(.connectionFailed("could not create the listener's wake-up pipe: errno \(code) (\(reason))"))
            }
            return .success(WakePipe(readDescriptor: descriptors[0], writeDescriptor: descriptors[1]))
        }
    }

    /// `"name"` with inner quotes doubled: any channel name is safe in `LISTEN`.
    static func quotedIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
