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
        let keywords = ["host", "port", "user", "password"].compactMap { keyword in
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
        let server = try serverConfiguration()
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let admin = PostgresClient(configuration: server, maxConnections: 1, logger: logger)
        do {
            try await admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        } catch {
            await admin.shutdown()
            throw error
        }
        let database = TestDatabase(name: name, configuration: server.replacingDatabase(name))
        do {
            let result = try await body(database)
            _ = try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.shutdown()
            return result
        } catch {
            _ = try? await admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            await admin.shutdown()
            throw error
        }
    }

    /// Runs a statement on the maintenance database (ALTER DATABASE, pg_terminate_backend …).
    static func onServer(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws {
        let admin = PostgresClient(configuration: try serverConfiguration(), maxConnections: 1, logger: logger)
        do {
            try await admin.execute(sql, parameters)
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
    }

    /// A pool on this test's database, shut down after `body`.
    func withClient<T>(maxConnections: Int = 4, _ body: (PostgresClient) async throws -> T) async throws -> T {
        let client = PostgresClient(configuration: configuration, maxConnections: maxConnections, logger: Self.logger)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }
}

enum TestSetupError: Error {
    case noDatabase
}
