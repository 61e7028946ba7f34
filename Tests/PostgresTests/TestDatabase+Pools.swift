import Postgres
import TestSupport
import Testing

/// What the pool and listener tests add to the shared `TestDatabase`: a pool on an empty database
/// whose backends can be counted and terminated.
extension TestDatabase {
    /// A pool on a fresh empty database (UTF-8, C collation) with a unique application name (see
    /// `client.configuration.applicationName`). The checkout timeout is generous: the suites run in
    /// parallel on a loaded machine (a CI run once made 200 queued checkouts of the pool test wait over
    /// 10 s), and how long a checkout waits is not what these tests check — the one that does passes its own.
    static func withClient<T>(
        maxConnections: Int = 2,
        checkoutTimeout: Duration = .seconds(120),
        _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        try await with(template: "template0", options: "ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'") { database in
            var configuration = database.configuration
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
