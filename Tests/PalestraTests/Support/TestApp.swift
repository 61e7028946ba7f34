import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Palestra
import Postgres
import TestSupport

/// The repository's folders, found from this file's place so tests run from any working directory.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Support
        .deletingLastPathComponent() // PalestraTests
        .deletingLastPathComponent() // Tests
        .deletingLastPathComponent()
        .path
    static let templates = root + "/Templates"
    static let publicFiles = root + "/Public"
    static let migrations = root + "/Migrations"
    static let sources = root + "/Sources"
}

enum TestApp {
    /// A configuration for the application against `database`, with the repository's folders.
    static func configuration(database: PostgresConfiguration) -> AppConfiguration {
        var configuration = AppConfiguration(database: database)
        configuration.templatesDirectory = Repository.templates
        configuration.publicDirectory = Repository.publicFiles
        configuration.migrationsDirectory = Repository.migrations
        configuration.bodyLimit = 64 * 1024
        // Generous: every suite runs in parallel on a loaded machine, and no page test checks how long a
        // checkout waits (a database that refuses connections fails at once, not by this timeout)
        configuration.databaseCheckoutTimeout = .seconds(30)
        // Tests of pages run no workers; the queue's tests start theirs.
        configuration.workers.slots = 0
        return configuration
    }

    /// Runs `body` against the whole application (every middleware and route) on a fresh database.
    static func test<T>(
        template: String = "palestra_template",
        configure: (inout AppConfiguration) -> Void = { _ in },
        periodicJobs: [PeriodicJob] = [],
        _ body: @escaping @Sendable (any TestClientProtocol, TestDatabase) async throws -> T
    ) async throws -> T {
        try await TestDatabase.with(template: template) { database in
            var configuration = configuration(database: database.configuration)
            configure(&configuration)
            let app = try await buildApplication(
                configuration: configuration, logger: TestDatabase.logger, migrate: false, periodicJobs: periodicJobs
            )
            return try await app.test(.router) { client in
                try await body(client, database)
            }
        }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
