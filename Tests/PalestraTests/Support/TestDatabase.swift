import Foundation
import Logging
import Postgres
import Testing

/// A database of its own for one test, copied from `palestra_template` (migrated once per run by
/// `make test`), or empty from `template0` for tests of the migration runner. Dropped afterwards.
struct TestDatabase {
    let name: String
    let configuration: PostgresConfiguration

    /// A libpq keyword string for this database, for `DATABASE_URL` of a child process.
    var connectionString: String {
        let keywords = ["host", "port", "user", "password", "connect_timeout"].compactMap { keyword in
            configuration.value(forKeyword: keyword).map { "\(keyword)='\($0)'" }
        }
        return (keywords + ["dbname='\(name)'"]).joined(separator: " ")
    }

    static let logger = Logger(label: "test")

    /// The maintenance database `make test` points at; a test run without it fails here with the reason.
    static func serverConfiguration() throws -> PostgresConfiguration {
        guard let url = ProcessInfo.processInfo.environment["PALESTRA_TEST_DATABASE_URL"], !url.isEmpty else {
            Issue.record("PALESTRA_TEST_DATABASE_URL is not set: run the tests with `make test`, which starts PostgreSQL")
            throw TestSetupError.noDatabase
        }
        return try PostgresConfiguration(url)
    }

    /// Runs `body` with a fresh database, dropping it afterwards whatever happens.
    static func with<T>(
        template: String = "palestra_template",
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await onServer("CREATE DATABASE \(name) TEMPLATE \(template)")
        let database = TestDatabase(name: name, configuration: try serverConfiguration().replacingDatabase(name))
        do {
            let result = try await body(database)
            try await onServer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            return result
        } catch {
            try? await onServer("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
    }

    /// Runs a statement on the maintenance database (CREATE/ALTER DATABASE, pg_terminate_backend …).
    static func onServer(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
        try await PostgresClient.withClient(configuration: try serverConfiguration(), maxConnections: 1, logger: logger) { admin in
            _ = try await admin.execute(sql, parameters)
        }
    }

    /// A pool on this test's database, shut down after `body`.
    func withClient<T>(maxConnections: Int = 4, _ body: (PostgresClient) async throws -> T) async throws -> T {
        try await PostgresClient.withClient(
            configuration: configuration, maxConnections: maxConnections, logger: Self.logger, body
        )
    }
}

enum TestSetupError: Error {
    case noDatabase
}
