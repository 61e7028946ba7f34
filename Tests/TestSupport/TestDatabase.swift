import Foundation
import Logging
import Postgres

/// A database of its own for one test, on the server `PALESTRA_TEST_DATABASE_URL` names (a maintenance
/// database on which the test user is superuser; `make test` sets it). It is copied from a template —
/// `palestra_template`, migrated once per run, or `template0` for an empty one — and dropped afterwards.
/// Shared by both test targets.
public struct TestDatabase: Sendable {
    public let name: String
    public let configuration: PostgresConfiguration

    public static let environmentVariable = "PALESTRA_TEST_DATABASE_URL"

    public struct MissingURL: Error, CustomStringConvertible {
        public var description: String {
            "\(TestDatabase.environmentVariable) is not set: run the tests with `make test`, which starts PostgreSQL, "
                + "or point it at a maintenance database on which the test user is superuser, "
                + "e.g. postgres://postgres@/postgres?host=/path/to/socket-dir"
        }
    }

    /// Quiet unless PALESTRA_TEST_LOG_LEVEL is set (trace, debug, info, notice, warning, error); critical
    /// messages always show. A handler that keeps metadata, not a no-op one: Hummingbird reads the request
    /// id back from the logger's metadata.
    public static let logger: Logger = {
        var logger = Logger(label: "test", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = ProcessInfo.processInfo.environment["PALESTRA_TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// A libpq keyword string for this database, for `DATABASE_URL` of a child process.
    public var connectionString: String {
        let keywords = ["host", "port", "user", "password", "connect_timeout"].compactMap { keyword in
            configuration.value(forKeyword: keyword).map { "\(keyword)='\($0)'" }
        }
        return (keywords + ["dbname='\(name)'"]).joined(separator: " ")
    }

    /// The maintenance database from the environment; throws (failing the test, with the reason) when it is missing.
    public static func maintenanceConfiguration() throws -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment[environmentVariable], !url.isEmpty else {
            throw MissingURL()
        }
        return try PostgresConfiguration(url)
    }

    /// `prefix_` and 12 random lowercase hex digits: safe unquoted in SQL.
    public static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
    }

    /// Runs `body` with a fresh database copied from `template` (`options` are more clauses of the
    /// CREATE DATABASE, e.g. an encoding, which only `template0` may change), dropping it afterwards
    /// whatever happens. No connection to the maintenance database stays open meanwhile.
    public static func with<T>(
        template: String = "palestra_template",
        options: String = "",
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let maintenance = try maintenanceConfiguration()
        let name = uniqueName("test")
        try await onServer("CREATE DATABASE \(name) TEMPLATE \(template) \(options)")
        let database = TestDatabase(name: name, configuration: maintenance.replacingDatabase(name))
        let value: T
        do {
            value = try await body(database)
        } catch {
            try? await dropDatabase(name)
            throw error
        }
        try await dropDatabase(name)
        return value
    }

    /// A one-connection client on the maintenance database, shut down afterwards.
    @discardableResult
    public static func withAdmin<T>(_ body: (PostgresClient) async throws -> T) async throws -> T {
        var configuration = try maintenanceConfiguration()
        configuration.applicationName = "test_admin"
        return try await PostgresClient.withClient(configuration: configuration, maxConnections: 1, logger: logger, body)
    }

    /// Runs a statement on the maintenance database (CREATE/ALTER DATABASE, pg_terminate_backend …).
    public static func onServer(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
        try await withAdmin { admin in _ = try await admin.execute(sql, parameters) }
    }

    /// Drops a test database, retrying for a few seconds while the server refuses connections
    /// (e.g. too many clients when several suites share the cluster).
    public static func dropDatabase(_ name: String) async throws {
        var attempt = 0
        while true {
            do {
                try await onServer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
                return
            } catch let error as PostgresError where error.isConnectionProblem && attempt < 20 {
                attempt += 1
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// A pool on this test's database, shut down after `body`.
    public func withClient<T>(maxConnections: Int = 4, _ body: (PostgresClient) async throws -> T) async throws -> T {
        try await PostgresClient.withClient(
            configuration: configuration, maxConnections: maxConnections, logger: Self.logger, body
        )
    }

    /// The first column of the first row of a query, decoded (a count, a flag, a stored value).
    public func value<T: PostgresDecodable>(
        _ sql: String, _ parameters: [(any PostgresEncodable)?] = [], as type: T.Type = T.self
    ) async throws -> T {
        try await withClient(maxConnections: 1) { client in
            try await client.query(sql, parameters)[0].decode(at: 0, as: T.self)
        }
    }

    /// Runs a statement on the test's database.
    public func run(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
        try await withClient(maxConnections: 1) { client in
            _ = try await client.execute(sql, parameters)
        }
    }
}
