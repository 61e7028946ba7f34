import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport

/// The seed's debate event on a test's database, and a visitor going through its public pages.
enum DebateFixture {
    static let slug = DebateDemoSeed.slug
    static var eventURL: String { DebateURL.event(slug) }
    static var chooseURL: String { DebateURL.choose(.value(slug)).path }
    static var confirmURL: String { DebateURL.confirm(.value(slug)).path }

    /// Loads the seed's event (5 cases, 115 seats, open) and returns its cases' ids by name.
    @discardableResult
    static func load(_ database: TestDatabase) async throws -> [String: Int] {
        try await database.withClient { client in
            try await DebateDemoSeed(database: client).load { _ in }
        }
        return try await caseIDs(database)
    }

    static func caseIDs(_ database: TestDatabase) async throws -> [String: Int] {
        try await database.withClient { client in
            var ids: [String: Int] = [:]
            for row in try await client.query("SELECT id, name FROM debate_cases", []) {
                ids[try row.decode("name")] = try row.decode("id")
            }
            return ids
        }
    }

    static func person(_ name: String, _ email: String, case id: Int, affiliation: String = "") -> [(String, String)] {
        [("case", String(id)), ("full_name", name), ("email", email), ("affiliation", affiliation)]
    }

    /// Opens the event page, then posts the confirmation directly (what the confirmation page posts).
    static func register(_ browser: inout Browser, _ name: String, _ email: String, case id: Int) async throws -> TestResponse {
        _ = try await browser.get(eventURL)
        return try await browser.post(confirmURL, person(name, email, case: id))
    }

    /// The private link on a "You are registered" page.
    static func link(in page: String) -> String? {
        page.firstMatch(of: /href="(\/debate-links\/[A-Za-z0-9_-]{43})"/).map { String($0.output.1) }
    }

    static func activeCount(_ database: TestDatabase) async throws -> Int {
        try await database.value("SELECT count(*)::int FROM debate_registrations WHERE cancelled_at IS NULL")
    }

    static func taken(_ database: TestDatabase, pool: String) async throws -> Int {
        try await database.value("SELECT taken FROM debate_seat_pools WHERE name = $1", [pool])
    }

    static func mismatches(_ database: TestDatabase) async throws -> Int {
        try await database.withClient { try await DebateStore.counterMismatches(on: $0).count }
    }

    /// Runs every queued job of `kind` through `job` (as a worker would), oldest first, and marks them completed.
    static func runJobs<Kind: JobKind>(_ job: Kind, _ database: TestDatabase) async throws -> Int {
        try await database.withClient { client in
            let rows = try await client.query(
                "SELECT id, args::text AS args FROM jobs WHERE kind = $1 AND state IN ('available', 'scheduled') ORDER BY id", [Kind.name]
            )
            for row in rows {
                let id: Int = try row.decode("id")
                let arguments = try JSONDecoder().decode(Kind.Arguments.self, from: Data((try row.decode("args", as: String.self)).utf8))
                try await job.run(arguments, context: JobContext(jobID: id, attempt: 1, database: client, logger: TestDatabase.logger))
                _ = try await client.execute("UPDATE jobs SET state = 'completed', finalized_at = now() WHERE id = $1", [id])
            }
            return rows.count
        }
    }
}
