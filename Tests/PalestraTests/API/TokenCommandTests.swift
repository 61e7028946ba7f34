import Foundation
@testable import Palestra
import TestSupport
import Postgres
import Testing

@Suite("palestra token")
struct TokenCommandTests {
    static func run(_ arguments: [String], database: TestDatabase) async throws -> (status: Int32, output: String, errors: String) {
        let process = try ServerProcess(
            arguments: ["token"] + arguments, environment: ["DATABASE_URL": database.connectionString], captureOutput: true
        )
        defer { process.stopIfRunning() }
        let (status, errors) = try await process.waitForExit()
        return (status, try process.output(), errors)
    }

    @Test("create prints a working token once and stores only its hash; revoke ends it; bad input changes nothing")
    func createAndRevoke() async throws {
        try await TestDatabase.with { database in
            let id = try await TestUsers.create("coach@example.org", role: .coach, in: database)
            let created = try await Self.run(["create", "--email", "Coach@Example.org", "--name", "  CI deploys  "], database: database)
            #expect(created.status == 0, "\(created.errors)")
            let secret = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(APIToken.isWellFormed(secret))
            #expect(try await database.value("SELECT name FROM api_tokens WHERE user_id = $1", [id], as: String.self) == "CI deploys")
            #expect(try await database.value("SELECT prefix FROM api_tokens", as: String.self) == APIToken.displayPrefix(of: secret))
            #expect(try await database.value(
                "SELECT count(*)::int FROM api_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))", [secret], as: Int.self
            ) == 1)
            let tokenID: Int = try await database.value("SELECT id FROM api_tokens")
            let credential = try await database.withClient { try await APITokenStore(database: $0).authenticate(secret: secret) }
            #expect(credential?.user.id == id)

            let revoked = try await Self.run(["revoke", "--id", String(tokenID)], database: database)
            #expect(revoked.status == 0, "\(revoked.errors)")
            #expect(try await database.withClient { try await APITokenStore(database: $0).authenticate(secret: secret) } == nil)
            let again = try await Self.run(["revoke", "--id", String(tokenID)], database: database)
            #expect(again.status != 0)
            #expect(again.errors.contains("no live API token"))

            let nobody = try await Self.run(["create", "--email", "nobody@example.org", "--name", "x"], database: database)
            #expect(nobody.status != 0)
            #expect(nobody.errors.contains("no user has the email"))
            for name in ["", "   ", String(repeating: "n", count: 101)] {
                let bad = try await Self.run(["create", "--email", "coach@example.org", "--name", name], database: database)
                #expect(bad.status != 0)
                #expect(bad.errors.contains("--name must have 1 to 100 characters"))
            }
            #expect(try await database.value("SELECT count(*)::int FROM api_tokens", as: Int.self) == 1)
        }
    }
}
