import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    /// A temporary migrations folder holding `files` (name → SQL).
    static func withFolder<T>(_ files: [String: String], _ body: (String) async throws -> T) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, sql) in files {
            try sql.write(toFile: "\(folder)/\(name)", atomically: true, encoding: .utf8)
        }
        return try await body(folder)
    }

    static func migrator(_ client: PostgresClient, _ folder: String) -> Migrator {
        Migrator(database: client, directory: folder, logger: TestDatabase.logger)
    }

    static func expectError(_ expected: MigrationError, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("expected \(expected)")
        } catch {
            #expect(error as? MigrationError == expected, "\(error)")
        }
    }

    static let two = [
        "0001_first.sql": "CREATE TABLE a (id int PRIMARY KEY);",
        "0002_second.sql": "CREATE TABLE b (id int PRIMARY KEY REFERENCES a);\nINSERT INTO a VALUES (1);",
        "README.txt": "not a migration",
    ]

    @Test("pending migrations are applied in order, once, and recorded with checksums")
    func applyInOrder() async throws {
        try await TestDatabase.with(template: "template0") { database in
            try await database.withClient { client in
                try await Self.withFolder(Self.two) { folder in
                    #expect(try await Self.migrator(client, folder).migrate() == ["0001_first", "0002_second"])
                    #expect(try await Self.migrator(client, folder).migrate() == [])
                    let rows = try await client.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version")
                    #expect(try rows.map { try $0.decode("name", as: String.self) } == ["0001_first", "0002_second"])
                    #expect(try rows.allSatisfy { try $0.decode("checksum", as: String.self).count == 64 })
                    #expect(try await client.query("SELECT count(*) AS n FROM a")[0].decode("n", as: Int.self) == 1)
                }
            }
        }
    }

    @Test("a failing migration is rolled back, names its file, and keeps the earlier ones")
    func failure() async throws {
        try await TestDatabase.with(template: "template0") { database in
            try await database.withClient { client in
                var files = Self.two
                files["0003_broken.sql"] = "CREATE TABLE c (id int);\nINSERT INTO missing_table VALUES (1);"
                try await Self.withFolder(files) { folder in
                    do {
                        try await Self.migrator(client, folder).migrate()
                        Issue.record("expected the migration to fail")
                    } catch let MigrationError.failed(file, reason) {
                        #expect(file == "0003_broken.sql")
                        #expect(reason.contains("missing_table"))
                    }
                    let tables = try await client.query("SELECT to_regclass('c')::text AS c")
                    #expect(try tables[0].decode("c", as: String?.self) == nil)
                    let count = try await client.query("SELECT count(*) AS n FROM schema_migrations")
                    #expect(try count[0].decode("n", as: Int.self) == 2)
                }
            }
        }
    }

    @Test("an applied file that was edited stops migrating, naming it")
    func checksumChanged() async throws {
        try await TestDatabase.with(template: "template0") { database in
            try await database.withClient { client in
                try await Self.withFolder(Self.two) { folder in
                    try await Self.migrator(client, folder).migrate()
                    try "CREATE TABLE a (id bigint PRIMARY KEY);".write(toFile: folder + "/0001_first.sql", atomically: true, encoding: .utf8)
                    await Self.expectError(.checksumChanged(file: "0001_first.sql")) {
                        try await Self.migrator(client, folder).migrate()
                    }
                }
            }
        }
    }

    @Test("an applied file that disappeared stops migrating, naming it")
    func appliedFileMissing() async throws {
        try await TestDatabase.with(template: "template0") { database in
            try await database.withClient { client in
                try await Self.withFolder(Self.two) { folder in
                    try await Self.migrator(client, folder).migrate()
                    try FileManager.default.removeItem(atPath: folder + "/0002_second.sql")
                    await Self.expectError(.appliedFileMissing(file: "0002_second.sql")) {
                        try await Self.migrator(client, folder).migrate()
                    }
                }
            }
        }
    }

    @Test("a gap, a duplicate number or a bad name stops before touching the database", arguments: [
        (["0001_a.sql": "SELECT 1;", "0003_c.sql": "SELECT 1;"], MigrationError.gap(file: "0003_c.sql", expectedVersion: 2)),
        (["0002_b.sql": "SELECT 1;"], .gap(file: "0002_b.sql", expectedVersion: 1)),
        (["0001_a.sql": "SELECT 1;", "0001_b.sql": "SELECT 1;"], .duplicateVersion(file: "0001_b.sql", other: "0001_a.sql")),
        (["1_a.sql": "SELECT 1;"], .badName(file: "1_a.sql")),
        (["0001_Bad-Name.sql": "SELECT 1;"], .badName(file: "0001_Bad-Name.sql")),
    ] as [([String: String], MigrationError)])
    func badFolder(files: [String: String], expected: MigrationError) async throws {
        try await TestDatabase.with(template: "template0") { database in
            try await database.withClient { client in
                try await Self.withFolder(files) { folder in
                    await Self.expectError(expected) { try await Self.migrator(client, folder).migrate() }
                    let table = try await client.query("SELECT to_regclass('schema_migrations')::text AS t")
                    #expect(try table[0].decode("t", as: String?.self) == nil)
                }
            }
        }
    }

    @Test("the error messages name the file")
    func messages() {
        #expect(MigrationError.gap(file: "0003_c.sql", expectedVersion: 2).description
            == "migration 0003_c.sql leaves a gap: the next number should be 0002")
        #expect(MigrationError.checksumChanged(file: "0001_a.sql").description.hasPrefix("migration 0001_a.sql was changed"))
    }

    @Test("processes migrating at once apply each file exactly once (advisory lock)")
    func concurrent() async throws {
        try await TestDatabase.with(template: "template0") { database in
            var files: [String: String] = [:]
            for version in 1...12 {
                let name = "\(MigrationFile.versionText(version))_step_\(version).sql"
                files[name] = "CREATE TABLE t\(version) (id int); INSERT INTO t\(version) VALUES (\(version));"
            }
            try await Self.withFolder(files) { folder in
                let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                    for _ in 0..<6 {
                        group.addTask {
                            try await database.withClient(maxConnections: 1) { client in
                                try await Self.migrator(client, folder).migrate()
                            }
                        }
                    }
                    return try await group.reduce(into: [String]()) { $0 += $1 }
                }
                #expect(applied.count == 12)
                #expect(Set(applied).count == 12)
                try await database.withClient { client in
                    let rows = try await client.query("SELECT count(*) AS n FROM schema_migrations")
                    #expect(try rows[0].decode("n", as: Int.self) == 12)
                }
            }
        }
    }

    @Test("the repository's migrations apply to an empty database")
    func repositoryMigrations() async throws {
        try await TestDatabase.with(template: "template0") { database in
            try await database.withClient { client in
                let applied = try await Self.migrator(client, Repository.migrations).migrate()
                #expect(applied.first == "0001_foundation")
            }
        }
    }
}
