import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("The palestra executable")
struct ProcessTests {
    @Test("a missing or invalid setting stops start-up with one line naming it", arguments: [
        ([:], "palestra: DATABASE_URL is not set"),
        (["DATABASE_URL": "postgres://x@/y?host=/nowhere", "PALESTRA_PORT": "eighty"], "palestra: PALESTRA_PORT 'eighty' is not a whole number"),
        (["DATABASE_URL": "postgres://x@/y?host=/nowhere", "PALESTRA_TEMPLATES": "/nonexistent"], "palestra: catalog /nonexistent/locales/en.json is missing"),
    ] as [([String: String], String)])
    func badConfiguration(environment: [String: String], message: String) async throws {
        let server = try ServerProcess(arguments: ["serve"], environment: environment)
        defer { server.stopIfRunning() }
        let (status, errors) = try await server.waitForExit()
        #expect(status != 0)
        #expect(errors.hasPrefix(message), "\(errors)")
        #expect(errors.split(separator: "\n").count == 1, "\(errors)")
    }

    @Test("--port overrides PALESTRA_PORT, even an invalid one")
    func flagOverridesEnvironment() async throws {
        try await TestDatabase.with { database in
            let server = try await serve(database, environment: ["PALESTRA_PORT": "eighty"])
            defer { server.stopIfRunning() }
            server.terminate()
            let (status, errors) = try await server.waitForExit()
            #expect(status == 0, "\(errors)")
        }
    }

    @Test("palestra migrate applies the repository's migrations and says so")
    func migrate() async throws {
        try await TestDatabase.with(template: "template0") { database in
            let migrate = try ServerProcess(arguments: ["migrate"], environment: ["DATABASE_URL": database.connectionString])
            defer { migrate.stopIfRunning() }
            let (status, errors) = try await migrate.waitForExit()
            #expect(status == 0, "\(errors)")
            try await database.withClient { client in
                let rows = try await client.query("SELECT name FROM schema_migrations ORDER BY version")
                #expect(try rows.first?.decode("name", as: String.self) == "0001_foundation")
            }
        }
    }

    @Test("SIGTERM lets a request in flight finish, refuses new ones, and exits cleanly")
    func gracefulShutdown() async throws {
        try await TestDatabase.with { database in
            let server = try await serve(database)
            defer { server.stopIfRunning() }
            let port = server.port

            try await database.withClient(maxConnections: 2) { client in
                // Hold a lock the login page's query (it starts a pre-login session) waits for, so its request stays in flight.
                let response = try await client.withConnection { lock in
                    try await lock.execute("BEGIN")
                    try await lock.execute("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE")
                    async let inFlight = ServerProcess.get(port: port, path: "/login")
                    try await eventually("the login page's query waits for the lock") {
                        let rows = try await client.query(
                            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
                            [database.name])
                        return try rows[0].decode("n", as: Int.self) > 0
                    }
                    server.terminate()
                    try await eventually("the server stops accepting connections") { await ServerProcess.get(port: port, path: "/healthz") == nil }
                    try await lock.execute("COMMIT")
                    return await inFlight
                }
                #expect(response?.status == 200)
                #expect(response?.body.contains("Sign in") == true)
            }
            let (status, errors) = try await server.waitForExit()
            #expect(status == 0, "\(errors)")
        }
    }

    /// `palestra serve --port <a free port>` on the test's database, once it answers `/healthz`.
    /// The caller stops it (`defer { server.stopIfRunning() }`).
    func serve(_ database: TestDatabase, environment: [String: String] = [:]) async throws -> ServerProcess {
        let port = try ServerProcess.freePort()
        let server = try ServerProcess(
            arguments: ["serve", "--no-migrate", "--port", "\(port)"],
            environment: environment.merging(["DATABASE_URL": database.connectionString]) { $1 },
            port: port
        )
        do {
            try await eventually("the server answers /healthz on port \(port)") {
                await ServerProcess.get(port: port, path: "/healthz")?.status == 200
            }
        } catch {
            server.stopIfRunning()
            throw error
        }
        return server
    }
}
