import Foundation
import HummingbirdTesting
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// ``AdminPageCache`` and the data's version (Migrations/0020_data_version.sql): a change list shown again comes from
/// memory only while nothing it shows can have changed.
@Suite("Admin engine: change lists kept while the data's version stands")
struct AdminPageCacheTests {
    /// The data's version: the sum of its stripes.
    static let versionSQL = "SELECT sum(version)::int FROM data_version"

    static func version(_ database: TestDatabase) async throws -> Int {
        try await database.value(versionSQL)
    }

    @Test("a list shown again to the same session is answered without reading its table, byte for byte the same")
    func answeredFromMemory() async throws {
        // A statement that waits for a lock gives up after 3 s, so a page read again fails rather than hangs.
        try await TestApp.test(configure: { $0.database = $0.database.settingServerParameter("lock_timeout", to: "3s") }) { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await database.run("INSERT INTO rooms (name, capacity) VALUES ('Room 101', 20), ('Gym', 40)")
            let first = try await browser.get("/admin/rooms/")
            #expect(first.status == .ok && first.headers[AdminListController.cacheHeader] == "miss")
            #expect(first.text.contains("Room 101") && first.text.contains("Gym"))
            // Another program holds the rooms table locked (a migration, say): reading it would wait.
            try await database.withClient(maxConnections: 1) { other in
                try await other.transaction { connection in
                    try await connection.execute("LOCK TABLE rooms IN ACCESS EXCLUSIVE MODE")
                    let again = try await browser.get("/admin/rooms/")
                    #expect(again.status == .ok && again.headers[AdminListController.cacheHeader] == "hit")
                    #expect(again.text == first.text)
                    // The same list asked another way is another page: read, so it waits for the lock and fails.
                    let other = try await browser.get("/admin/rooms/?q=gym")
                    #expect(other.status == .internalServerError || other.status == .serviceUnavailable)
                }
            }
            let searched = try await browser.get("/admin/rooms/?q=gym")
            #expect(searched.status == .ok && searched.text.contains("Gym") && !searched.text.contains("Room 101"))
        }
    }

    @Test("a change committed by anyone shows at the next request: another program's SQL, a joined table, the engine's form")
    func changesShowAtOnce() async throws {
        try await TestApp.test { client, database in
            let fixture = try await LessonFixture.make(in: database)
            var browser = Browser(client)
            try await browser.signIn("admin@example.org")
            #expect(try await browser.get("/admin/rooms/").text.contains("Room 101"))
            let kept = try await browser.get("/admin/rooms/")
            #expect(kept.text.contains("Room 101") && kept.headers[AdminListController.cacheHeader] == "hit")
            try await database.run("UPDATE rooms SET name = 'Room 202' WHERE id = $1", [fixture.room])
            let renamed = try await browser.get("/admin/rooms/")
            #expect(renamed.text.contains("Room 202") && !renamed.text.contains("Room 101"))
            #expect(renamed.headers[AdminListController.cacheHeader] == "miss")
            try await database.run("INSERT INTO rooms (name) VALUES ('Studio')")
            #expect(try await browser.get("/admin/rooms/").text.contains("Studio"))
            try await database.run("DELETE FROM rooms WHERE name = 'Studio'")
            #expect(!(try await browser.get("/admin/rooms/").text.contains("Studio")))

            // The lessons list shows its students' names, read from users: a renamed student shows.
            #expect(try await browser.get("/admin/lessons/").text.contains("Anna Student"))
            #expect(try await browser.get("/admin/lessons/").headers[AdminListController.cacheHeader] == "hit")
            try await database.run("UPDATE users SET display_name = 'Anna Renamed' WHERE id = $1", [fixture.students[0]])
            let lessons = try await browser.get("/admin/lessons/")
            #expect(lessons.text.contains("Anna Renamed") && !lessons.text.contains("Anna Student"))

            // Saved through the engine's form: the redirect's page shows the flash and the new name, and so does the
            // next, without the flash (a page with a flash message is never kept).
            let form = try await browser.get("/admin/rooms/\(fixture.room)/")
            let version = try #require(form.text.firstMatch(of: /name="version" value="(\d+)"/).map { String($0.output.1) })
            let saved = try await browser.post("/admin/rooms/\(fixture.room)/", [("name", "Room 303"), ("capacity", "20"), ("version", version)])
            #expect(saved.status == .seeOther)
            let redirected = try await browser.follow(saved)
            #expect(redirected.text.contains("Room 303") && redirected.text.contains("class=\"flash"))
            let after = try await browser.get("/admin/rooms/")
            #expect(after.text.contains("Room 303") && !after.text.contains("class=\"flash"))
            let afterAgain = try await browser.get("/admin/rooms/")
            #expect(afterAgain.text == after.text && afterAgain.headers[AdminListController.cacheHeader] == "hit")
        }
    }

    @Test("each session has its own page (its CSRF token), and each language its own")
    func perSessionAndLanguage() async throws {
        try await TestApp.test { client, database in
            try await TestUsers.create("admin@example.org", role: .admin, name: "Ada Admin", in: database)
            try await database.run("UPDATE users SET language = NULL")
            var one = Browser(client), two = Browser(client)
            try await one.signIn("admin@example.org")
            try await two.signIn("admin@example.org")
            for browser in [one, two] { var browser = browser; _ = try await browser.get("/admin/rooms/") }
            let first = try await one.get("/admin/rooms/"), second = try await two.get("/admin/rooms/")
            #expect(first.headers[AdminListController.cacheHeader] == "hit" && second.headers[AdminListController.cacheHeader] == "hit")
            let tokens = [Browser.csrfToken(in: first.text), Browser.csrfToken(in: second.text)]
            #expect(tokens[0] != nil && tokens[1] != nil && tokens[0] != tokens[1])
            // No language of their own: the browser's names it, and each language is its own page.
            let russian = try await one.get("/admin/rooms/", headers: [.acceptLanguage: "ru"])
            #expect(russian.text.contains(#"<html lang="ru""#) && russian.headers[AdminListController.cacheHeader] == "miss")
            #expect(try await one.get("/admin/rooms/", headers: [.acceptLanguage: "ru"]).headers[AdminListController.cacheHeader] == "hit")
            let english = try await one.get("/admin/rooms/", headers: [.acceptLanguage: "en"])
            #expect(english.text.contains(#"<html lang="en""#) && english.headers[AdminListController.cacheHeader] == "hit")
            #expect(english.text == first.text)
        }
    }

    @Test("the job queue's list is never kept: its rows change without moving the data's version")
    func unwatchedNotKept() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let job = try await TestJobs.insert(database, kind: "send_email")
            #expect(try await browser.get("/admin/jobs/").text.contains("send_email"))
            let version = try await Self.version(database)
            try await database.run("UPDATE jobs SET kind = 'resync_schedules' WHERE id = $1", [job])
            #expect(try await Self.version(database) == version)
            let page = try await browser.get("/admin/jobs/")
            #expect(page.text.contains("resync_schedules") && !page.text.contains("send_email"))
        }
    }

    @Test("the version moves once a committed transaction, however many statements and tables; not for a rollback or an unwatched table")
    func versionMoves() async throws {
        try await TestDatabase.with { database in
            try await database.withClient(maxConnections: 1) { client in
                func version() async throws -> Int { try await client.query(Self.versionSQL)[0].decode(at: 0, as: Int.self) }
                let start = try await version()
                try await client.transaction { connection in
                    try await connection.execute("INSERT INTO rooms (name) VALUES ('A'), ('B')")
                    try await connection.execute("UPDATE rooms SET capacity = 3")
                    try await connection.execute("UPDATE users SET display_name = display_name")
                }
                #expect(try await version() == start + 1)
                #expect(try await client.query("SELECT count(*)::int FROM data_changes")[0].decode(at: 0, as: Int.self) == 0)
                await #expect(throws: PostgresError.self) {
                    try await client.transaction { connection in
                        try await connection.execute("DELETE FROM rooms")
                        try await connection.execute("SELECT 1 / 0")
                    }
                }
                #expect(try await version() == start + 1)
                #expect(try await client.query("SELECT count(*)::int FROM rooms")[0].decode(at: 0, as: Int.self) == 2)
                try await client.execute("UPDATE sessions SET last_seen_at = now()")
                try await client.execute("DELETE FROM rate_limits")
                #expect(try await version() == start + 1)
                try await client.execute("TRUNCATE rooms CASCADE")
                #expect(try await version() == start + 2)
            }
        }
    }

    @Test("every table but the unwatched ones moves the version (a new table must be watched by its migration)")
    func everyTableWatched() async throws {
        try await TestDatabase.with { database in
            let unwatched: [String] = try await database.value(
                """
                SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}')
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'data_changed')
                """
            )
            let expected = DataVersion.unwatchedTables.union(["data_version", "data_changes", "schema_migrations"])
            #expect(Set(unwatched) == expected)
            #expect(unwatched.count == expected.count)
        }
    }

    @Test("no kept list reads an unwatched table: every table each list's statements read, for every role, by their plans")
    func keptListsReadWatchedTables() async throws {
        func relations(_ node: Any) -> Set<String> {
            if let list = node as? [Any] { return list.reduce(into: []) { $0.formUnion(relations($1)) } }
            guard let object = node as? [String: Any] else { return [] }
            let own = (object["Relation Name"] as? String).map { Set([$0]) } ?? []
            return object.values.reduce(own) { $0.union(relations($1)) }
        }
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let cache = AdminPageCache(capacity: 1)
                var kept = 0
                for resource in AdminSite.standard.resources where cache.keeps(resource) {
                    // The page, its count and probe, its filters' choices and the editable fields' choices.
                    let read = try AdminDeclarationCheckTests.statements(of: resource, on: client).filter { name, _ in
                        ["list", "count", "filter", "field"].contains(where: name.hasPrefix) || (name.hasPrefix("inline") && name.contains(" field "))
                    }
                    #expect(!read.isEmpty)
                    var tables: Set<String> = []
                    for (_, statement) in read {
                        let plan: String = try await client.query("EXPLAIN (FORMAT JSON) " + statement.sql, statement.values)[0].decode(at: 0)
                        tables.formUnion(relations(try JSONSerialization.jsonObject(with: Data(plan.utf8))))
                    }
                    #expect(tables.contains(resource.table), "\(resource.slug): \(tables.sorted())")
                    #expect(tables.isDisjoint(with: DataVersion.unwatchedTables), "\(resource.slug) reads \(tables.intersection(DataVersion.unwatchedTables).sorted())")
                    kept += 1
                }
                // Every resource but the job queue's is kept; the queue's reads jobs.
                #expect(kept == AdminSite.standard.resources.count - 1)
                #expect(!cache.keeps(try #require(AdminSite.standard.resource("jobs"))))
            }
        }
    }

    /// The deadlock a lock taken mid-transaction would make: one transaction has written (and would hold the version's
    /// row), then waits for a row another holds; that other then writes. Both must commit.
    @Test("writers never deadlock on the version: a writer waiting for another's row lets it write and commit")
    func noDeadlock() async throws {
        try await TestDatabase.with { database in
            try await database.run("INSERT INTO rooms (name) VALUES ('Shared')")
            try await database.withClient(maxConnections: 3) { client in
                func version() async throws -> Int { try await client.query(Self.versionSQL)[0].decode(at: 0, as: Int.self) }
                let start = try await version()
                let writer = try await client.transaction { holder in
                    try await holder.execute("SELECT 1 FROM rooms WHERE name = 'Shared' FOR UPDATE")
                    let writer = Task {
                        try await client.transaction { writer in
                            try await writer.execute("INSERT INTO rooms (name) VALUES ('Writer')")
                            try await writer.execute("UPDATE rooms SET capacity = 7 WHERE name = 'Shared'")
                        }
                    }
                    // Wait until the writer, having written, waits for the row this transaction holds; then write. (A writer
                    // that failed instead ends the wait: its error is thrown below.)
                    let waiting = """
                        SELECT count(*)::int FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE rooms SET capacity = 7%'
                        """
                    var polls = 0
                    while try await client.query(waiting)[0].decode(at: 0, as: Int.self) == 0 {
                        polls += 1
                        try #require(polls < 3_000, "the writer never waited for the row")
                        try await Task.sleep(for: .milliseconds(10))
                    }
                    try await holder.execute("INSERT INTO rooms (name) VALUES ('Holder')")
                    return writer
                }
                try await writer.value
                #expect(try await client.query("SELECT count(*)::int FROM rooms WHERE name IN ('Writer', 'Holder') OR capacity = 7")[0].decode(at: 0, as: Int.self) == 3)
                #expect(try await version() == start + 2)
            }
        }
    }

    @Test("many writers at once, over several tables: every commit counted once, none refused")
    func concurrentWriters() async throws {
        try await TestDatabase.with { database in
            try await database.run("INSERT INTO rooms (name, capacity) SELECT 'Room ' || n, 1 FROM generate_series(0, 8) AS n")
            try await database.withClient(maxConnections: 8) { client in
                let start = try await client.query(Self.versionSQL)[0].decode(at: 0, as: Int.self)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 1...8 {
                        group.addTask {
                            for round in 1...20 {
                                try await client.transaction { connection in
                                    try await connection.execute("UPDATE rooms SET capacity = $1 WHERE name = $2", [round, "Room \(writer)"])
                                    // Every writer also adds one to one shared row: they queue for it, in the same order.
                                    if round % 2 == 0 { try await connection.execute("UPDATE rooms SET capacity = capacity + 2 WHERE name = 'Room 0'") }
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                #expect(try await client.query(Self.versionSQL)[0].decode(at: 0, as: Int.self) == start + 160)
                #expect(try await client.query("SELECT count(*)::int FROM rooms WHERE capacity = 20")[0].decode(at: 0, as: Int.self) == 8)
                #expect(try await client.query("SELECT capacity FROM rooms WHERE name = 'Room 0'")[0].decode(at: 0, as: Int.self) == 161)
            }
        }
    }
}
