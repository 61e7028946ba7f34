import Foundation
import Logging
import Postgres
import Synchronization
import Testing

/// The server the tests run against, and helpers that give each test its own database.
enum TestDatabase {
    static let environmentVariable = "PALESTRA_TEST_DATABASE_URL"

    struct MissingURL: Error, CustomStringConvertible {
        var description: String {
            "\(TestDatabase.environmentVariable) is not set: point it at a maintenance database on which the test "
                + "user is superuser, e.g. postgres://postgres@/postgres?host=/path/to/socket-dir"
        }
    }

    /// Quiet unless PALESTRA_TEST_LOG_LEVEL is set (trace, debug, info, notice, warning, error).
    static let logger: Logger = {
        guard let level = ProcessInfo.processInfo.environment["PALESTRA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) else {
            return Logger(label: "PostgresTests", factory: { _ in SwiftLogNoOpLogHandler() })
        }
        var logger = Logger(label: "PostgresTests")
        logger.logLevel = level
        return logger
    }()

    /// The maintenance database from the environment; throws (failing the test) when it is missing.
    static func maintenanceConfiguration() throws -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else {
            throw MissingURL()
        }
        return try PostgresConfiguration(url)
    }

    /// `prefix_` and 12 random lowercase hex digits: safe unquoted in SQL.
    static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    }

    /// A one-connection client on the maintenance database, shut down afterwards.
    @discardableResult
    static func withAdmin<T>(_ body: (PostgresClient) async throws -> T) async throws -> T {
        var configuration = try maintenanceConfiguration()
        configuration.applicationName = "pgtest_admin"
        return try await PostgresClient.withClient(configuration: configuration, maxConnections: 1, logger: logger, body)
    }

    /// Creates `pgtest_<random>` from template0 (UTF-8, C collation), runs `body` with its configuration
    /// and drops it (forcibly) afterwards. No admin connection stays open meanwhile.
    static func withDatabase<T>(_ body: (PostgresConfiguration) async throws -> T) async throws -> T {
        let maintenance = try maintenanceConfiguration()
        let name = uniqueName("pgtest")
        try await withAdmin { admin in
            try await admin.execute("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'")
        }
        let value: T
        do {
            value = try await body(maintenance.replacingDatabase(name))
        } catch {
            try? await dropDatabase(name)
            throw error
        }
        try await dropDatabase(name)
        return value
    }

    /// Drops a test database, retrying for a few seconds while the server refuses connections
    /// (e.g. too many clients when several suites share the cluster).
    static func dropDatabase(_ name: String) async throws {
        var attempt = 0
        while true {
            do {
                try await withAdmin { admin in try await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
                return
            } catch let error as PostgresError where error.isConnectionProblem && attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// A pool on a fresh database with a unique application name (see `client.configuration.applicationName`).
    /// The checkout timeout is generous: the suites run in parallel on a loaded machine (a CI run once made 200
    /// queued checkouts of the pool test wait over 10 s), and how long a checkout waits is not what these
    /// tests check — the one that does passes its own.
    static func withClient<T>(
        maxConnections: Int = 2,
        checkoutTimeout: Duration = .seconds(120),
        _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        try await withDatabase { configuration in
            var configuration = configuration
            configuration.applicationName = uniqueName("pgtest_app")
            return try await PostgresClient.withClient(
                configuration: configuration, maxConnections: maxConnections, checkoutTimeout: checkoutTimeout, logger: logger, body
            )
        }
    }

    /// Backends of `applicationName` as the server sees them.
    static func connectionCount(_ admin: some PostgresQueryable, applicationName: String) async throws -> Int {
        try await admin.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1", [applicationName]
        )[0].decode("n")
    }

    /// Terminates every backend of `applicationName` and waits until they are gone.
    static func terminateBackends(_ admin: some PostgresQueryable, applicationName: String) async throws {
        let terminated = try await admin.query(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1",
            [applicationName]
        )[0].decode("n", as: Int.self)
        #expect(terminated > 0, "expected backends of \(applicationName) to terminate")
        try await eventually("backends of \(applicationName) gone") {
            try await connectionCount(admin, applicationName: applicationName) == 0
        }
    }
}

struct DeadlineExceeded: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for: \(what)" }
}

/// Polls `condition` until it holds, failing after `timeout`.
func eventually(
    _ what: String,
    timeout: Duration = .seconds(10),
    _ condition: () async throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(10))
    }
    throw DeadlineExceeded(what: what)
}

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
            if !fired { throw DeadlineExceeded(what: "a signal from another task") }
        }
    }
}

/// Collects what an async sequence produces so tests can poll for it.
final class Recorder<Element: Sendable>: Sendable {
    private let storage = Mutex<(elements: [Element], finished: Bool)>(([], false))

    var elements: [Element] { storage.withLock { $0.elements } }
    var isFinished: Bool { storage.withLock { $0.finished } }

    func append(_ element: Element) {
        storage.withLock { $0.elements.append(element) }
    }

    func finish() {
        storage.withLock { $0.finished = true }
    }
}

/// A log handler that keeps what is logged (level and message), for tests that check a failure is reported.
struct RecordingLogHandler: LogHandler {
    let recorder: Recorder<(level: Logger.Level, message: String)>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// Records the message followed by the metadata, e.g. `failed [error: …]`.
    func log(event: LogEvent) {
        let metadata = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        recorder.append((event.level, event.message.description + " [" + metadata.joined(separator: ", ") + "]"))
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// A logger writing into a fresh recorder.
    static func logger() -> (Logger, Recorder<(level: Logger.Level, message: String)>) {
        let recorder = Recorder<(level: Logger.Level, message: String)>()
        return (Logger(label: "PostgresTests.recording", factory: { _ in RecordingLogHandler(recorder: recorder) }), recorder)
    }
}
