import Foundation
import HTTPTypes
import HummingbirdTesting
@testable import Palestra
import TestSupport
import Testing

@Suite("Admin engine: change lists")
struct AdminChangeListTests {
    /// Users straight in SQL (the hash is never checked in these tests).
    static func insertUsers(_ database: TestDatabase, count: Int, role: String = "student", prefix: String = "pupil") async throws {
        try await database.run(
            """
            INSERT INTO users (email, display_name, role, password_hash, is_active, created_at)
            SELECT $1 || n || '@example.org', 'Pupil ' || n, $2, '$argon2id$v=19$m=19456,t=2,p=1$x$y', n % 3 <> 0, now() - n * interval '1 day'
            FROM generate_series(1, $3::int) AS n
            """,
            [prefix, role, count]
        )
    }

    /// The change list's whole result summary ("30 results", "about 12,000 results"), without the link
    /// that clears the filters: a count compared whole, so "30 results" is not taken for "0 results".
    static func summary(_ page: TestResponse) -> String? {
        page.text.firstMatch(of: /<p class="result-summary">([^<]*?)(?: · <a |<\/p>)/).map { String($0.output.1) }
    }

    /// `users` users inserted with emails starting with `prefix` and analyzed, then the users list searched for it, whose
    /// summary shows an estimate ("about …"): the page and the summary.
    static func listedAbout(
        _ browser: inout Browser, _ database: TestDatabase, users: Int, prefix: String
    ) async throws -> (page: TestResponse, summary: String) {
        try await insertUsers(database, count: users, prefix: prefix)
        try await database.run("ANALYZE users")
        let page = try await browser.get("/admin/users/?q=\(prefix)")
        let shown = try #require(Self.summary(page))
        #expect(shown.hasPrefix("about "), "\(shown)")
        return (page, shown)
    }

    @Test("search: every word must match one of the fields, case-insensitively; LIKE wildcards are literal")
    func search() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await TestUsers.create("ivan.petrov@example.org", role: .coach, name: "Иван Петров", in: database)
            try await TestUsers.create("maria@example.org", role: .coach, name: "Мария Петрова", in: database)
            let both = try await browser.get("/admin/users/?q=%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2")
            #expect(both.text.contains("2 results"))
            let one = try await browser.get("/admin/users/?q=%D0%BF%D0%B5%D1%82%D1%80%D0%BE%D0%B2+IVAN")
            #expect(one.text.contains("1 result"))
            #expect(one.text.contains("ivan.petrov@example.org"))
            #expect(!one.text.contains("maria@example.org"))
            // An address is found by its beginning, whole or after the `@` (an index range over 1,000,000
            // users), a name anywhere in it.
            let start = try await browser.get("/admin/users/?q=Ivan.Pet")
            #expect(Self.summary(start) == "1 result")
            #expect(start.text.contains("ivan.petrov@example.org"))
            let domain = try await browser.get("/admin/users/?q=%40EXAMPLE.org")
            #expect(Self.summary(domain) == "3 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=example.org")) == "3 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=petrov%40example")) == "0 results")
            let wildcard = try await browser.get("/admin/users/?q=%25")
            #expect(wildcard.text.contains("0 results"))
            #expect(wildcard.text.contains("Nothing matches."))
            let hostile = try await browser.get("/admin/users/?q=%3Cscript%3E%27%3B+DROP+TABLE+users%3B--")
            #expect(hostile.status == .ok)
            #expect(!hostile.text.contains("<script>"))
            #expect(try await database.value("SELECT count(*)::int FROM users", as: Int.self) == 3)
        }
    }

    @Test("a deep page starts at its remembered first row while that row is where it was; otherwise, and in an order with a nullable column, by offset")
    func deepPageStarts() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await Self.insertUsers(database, count: 1_100)
            func emails(_ page: TestResponse) -> [String] {
                page.text.matches(of: /<a href="\/admin\/users\/\d+\/">([^<]+)<\/a>/).map { String($0.output.1) }
            }
            func byOffset(_ order: String) async throws -> [String] {
                try await database.value(
                    "SELECT array_agg(email::text ORDER BY \(order)) FROM (SELECT * FROM users ORDER BY \(order) LIMIT 50 OFFSET 1000) AS page",
                    as: [String].self
                )
            }
            // By email, page 21 skips 1,000 rows.
            let seen = emails(try await browser.get("/admin/users/?p=21"))
            let expected = try await byOffset("email, id")
            #expect(seen.count == 50 && seen == expected)
            // Someone sorting first arrives: by offset every row of the page would move by one; from its remembered
            // first row the page shows what its reader saw.
            try await Self.insertUsers(database, count: 1, prefix: "aardvark")
            let shifted = try await byOffset("email, id")
            #expect(shifted != seen)
            #expect(emails(try await browser.get("/admin/users/?p=21")) == seen)
            // That first row's address changes: the start is no longer trusted, the page is read by offset again.
            try await database.run("UPDATE users SET email = 'zz-moved@example.org' WHERE email = $1", [seen[0]])
            let moved = emails(try await browser.get("/admin/users/?p=21"))
            let movedExpected = try await byOffset("email, id")
            #expect(moved.count == 50 && moved == movedExpected)
            #expect(moved[0] != seen[0] && moved[0] != seen[1])
            // By last login (nullable): always by offset, so a newcomer sorting first moves the page.
            let byLogin = emails(try await browser.get("/admin/users/?o=5&p=21"))
            let byLoginExpected = try await byOffset("last_login_at, id")
            #expect(byLogin.count == 50 && byLogin == byLoginExpected)
            try await database.run("UPDATE users SET last_login_at = '2000-01-01' WHERE email = 'aardvark1@example.org'")
            let afterLogin = emails(try await browser.get("/admin/users/?o=5&p=21"))
            let afterLoginExpected = try await byOffset("last_login_at, id")
            #expect(afterLogin != byLogin && afterLogin == afterLoginExpected)
        }
    }

    @Test("the menu marks the resource whose pages are open, and only it")
    func menuMarksTheResource() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let list = try await browser.get("/admin/users/")
            #expect(list.text.contains(#"<a href="/admin/users/" aria-current="page">"#))
            #expect(list.text.components(separatedBy: #"aria-current="page""#).count == 2, "one entry marked")
            let user: Int = try await database.value("SELECT min(id)::int FROM users", as: Int.self)
            let form = try await browser.get("/admin/users/\(user)/")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"<a href="/admin/users/" aria-current="page">"#))
            #expect(!(try await browser.get("/admin/").text.contains(#"aria-current="page""#)), "the admin index is no resource's")
        }
    }

    @Test("filters by role, active and dates narrow the list; links keep the rest of the state")
    func filters() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await Self.insertUsers(database, count: 30)
            let coaches = try await browser.get("/admin/users/?role=coach")
            #expect(Self.summary(coaches) == "0 results")
            let students = try await browser.get("/admin/users/?role=student&q=pupil")
            #expect(Self.summary(students) == "30 results")
            let inactive = try await browser.get("/admin/users/?role=student&is_active=no")
            #expect(Self.summary(inactive) == "10 results")
            // The role filter's links keep the active filter and the search.
            #expect(inactive.text.contains(#"href="/admin/users/?is_active=no&amp;role=coach""#))
            let lastWeek = try await browser.get("/admin/users/?created_at=past-7-days&role=student")
            #expect(Self.summary(lastWeek) == "6 results")
            let range = try await browser.get("/admin/users/?role=student&created_at_from=2000-01-01&created_at_to=2099-12-31")
            #expect(Self.summary(range) == "30 results")
            let badRange = try await browser.get("/admin/users/?role=student&created_at_from=2026-13-45")
            #expect(badRange.status == .ok)
            #expect(badRange.text.contains("The date 2026-13-45 does not exist: the list is not filtered by it."))
            #expect(Self.summary(badRange) == "30 results")
            let malformed = try await browser.get("/admin/users/?role=student&created_at_from=1.1.2026")
            #expect(malformed.text.contains("Enter dates as YYYY-MM-DD."))
            // A page past the last one says so, with the way to the last page, under the count of rows that exist.
            let pastEnd = try await browser.get("/admin/users/?role=student&p=999")
            #expect(pastEnd.status == .ok && Self.summary(pastEnd) == "30 results")
            #expect(pastEnd.text.contains(#"There is no page 999: the list has 1 page. <a href="/admin/users/?role=student">Go to the last page</a>"#))
            #expect(!pastEnd.text.contains("Nothing matches."))
            let nothing = try await browser.get("/admin/users/?role=manager&p=3")
            #expect(nothing.text.contains("Nothing matches.") && !nothing.text.contains("There is no page"))
            let unknown = try await browser.get("/admin/users/?role=pirate&o=99.-42&p=-5")
            #expect(unknown.status == .ok)
            #expect(Self.summary(unknown) == "31 results")
            // A value that is none of the choices (an old bookmark, a typo) is not applied, and the filter says so.
            #expect(unknown.text.contains("“pirate” is not one of these choices: the list is not filtered by it."))
            let staleBookmark = try await browser.get("/admin/users/?created_at=month&is_active=maybe&role=student")
            #expect(Self.summary(staleBookmark) == "30 results")
            #expect(staleBookmark.text.contains("“month” is not one of these choices"))
            #expect(staleBookmark.text.contains("“maybe” is not one of these choices"))
            #expect(!staleBookmark.text.contains("“student” is not"))
            #expect(staleBookmark.text.contains(#"<span class="filters__count">1 active</span>"#))
            #expect(!lastWeek.text.contains("is not one of these choices"))
            #expect(!inactive.text.contains("is not one of these choices"))
            let hostile = try await browser.get("/admin/users/?role=%3Cb%3Eboss%3C%2Fb%3E")
            #expect(hostile.text.contains("“&lt;b&gt;boss&lt;/b&gt;” is not one of these choices"))
        }
    }

    @Test("sorting by several columns, the primary key breaking ties, and pages that keep the state")
    func sortingAndPaging() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await Self.insertUsers(database, count: 120)
            let first = try await browser.get("/admin/users/?role=student&o=-2")
            #expect(first.text.contains("120 results"))
            #expect(first.text.contains(#"href="/admin/users/?role=student&amp;o=-2&amp;p=2" rel="next""#))
            // Descending by name: "Pupil 99" sorts first among "Pupil 1…120".
            let names = first.text.matches(of: /<td>Pupil (\d+)<\/td>/).map { String($0.output.1) }
            #expect(names.count == 50)
            #expect(names.first == "99")
            let third = try await browser.get("/admin/users/?role=student&o=-2&p=3")
            let lastNames = third.text.matches(of: /<td>Pupil (\d+)<\/td>/).map { String($0.output.1) }
            #expect(lastNames.count == 20)
            #expect(Set(names).isDisjoint(with: lastNames))
            // Clicking the name header while it leads flips it; the email header puts email first.
            #expect(first.text.contains(#"href="/admin/users/?role=student&amp;o=2""#))
            #expect(first.text.contains(#"href="/admin/users/?role=student&amp;o=1.-2""#))
            #expect(first.text.contains(#"aria-sort="descending""#))
        }
    }

    @Test("beyond 10,000 matching rows the count is the planner's estimate and still shown")
    func estimatedCount() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            try await Self.insertUsers(database, count: 12_000)
            try await database.run("ANALYZE users")
            let page = try await browser.get("/admin/users/")
            let summary = try #require(page.text.firstMatch(of: /about ([\d,]+) results/))
            let estimate = Int(summary.output.1.replacingOccurrences(of: ",", with: "")) ?? 0
            #expect(estimate > 10_000 && estimate < 14_000)
            #expect(page.text.contains("Select all (about"))
        }
    }

    @Test("the planner's estimate is the top plan node's rows, not a child's: joins, subqueries, a limit, nothing matching")
    func estimateIsTheTopNode() async throws {
        try await TestDatabase.with { database in
            try await Self.insertUsers(database, count: 500)
            try await database.run("ANALYZE users")
            try await database.withClient { client in
                for sql in [
                    "SELECT 1 FROM users", "SELECT 1 FROM users WHERE id < 0",
                    "SELECT 1 FROM users u JOIN users v ON v.id = u.id WHERE u.email LIKE 'pupil1%'",
                    "SELECT 1 FROM users WHERE id IN (SELECT id FROM users WHERE role = 'student') LIMIT 7",
                    "SELECT (SELECT count(*) FROM notifications) FROM users WHERE role = 'student' ORDER BY email",
                ] {
                    let explained = try await client.query("EXPLAIN (FORMAT JSON) " + sql)
                    let json: String = try explained[0].decode(at: 0)
                    let top = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first?["Plan"] as? [String: Any]
                    let rows = try #require(top?["Plan Rows"] as? Int)
                    #expect(try AdminListStore.estimate(from: explained) == rows, "\(sql): \(json)")
                }
            }
        }
    }

    @Test("a list searched again for hostile words (quotes, backslashes, $1, comment markers) reads the same page by a statement prepared with those words written in, and nothing else happens")
    func writtenValues() async throws {
        try await TestDatabase.with { database in
            let names = ["Anna O'Brien", "Back\\slash \\' Boris", "Dollar $1 $$ Clara", "Dash -- Dora /* x */", "Quote \" Eva"]
            for (index, name) in names.enumerated() {
                try await database.run(
                    "INSERT INTO users (email, display_name, role, password_hash) VALUES ($1, $2, 'student', '$argon2id$v=19$m=19456,t=2,p=1$x$y')",
                    ["hostile\(index)@example.org", name]
                )
            }
            try await database.withClient(maxConnections: 1) { client in
                let lists = AdminListStore(database: client, timeZone: TimeZone(identifier: "Europe/Moscow")!)
                let admin = User(id: 1, email: "", displayName: "", role: .admin, language: nil)
                for (word, expected) in [("O'Brien", ["Anna O'Brien"]), ("\\'", ["Back\\slash \\' Boris"]), ("$1", ["Dollar $1 $$ Clara"]),
                                         ("--", ["Dash -- Dora /* x */"]), ("\"", ["Quote \" Eva"]), ("'; DROP TABLE users; --", [])] {
                    let state = AdminListState(query: FormData(fields: [.init(name: "q", value: word), .init(name: "role", value: "student")]), resource: UsersAdmin.resource, today: .today(in: .gmt))
                    let first = try await lists.page(of: UsersAdmin.resource, for: admin, state: state, at: nil)
                    let again = try await lists.page(of: UsersAdmin.resource, for: admin, state: state, at: nil)
                    #expect(first.rows.map(\.cells) == again.rows.map(\.cells) && again.total == expected.count && !again.isEstimate, "\(word)")
                    let shown = again.rows.compactMap { row in row.cells.first { names.contains($0 ?? "") } ?? nil }
                    #expect(shown == expected, "\(word): \(again.rows.map(\.cells))")
                }
                // The second reading of each ran a statement with the words in its text, prepared on the connection.
                let prepared: [String] = try await client.query(
                    "SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%matching AS MATERIALIZED%' AND cardinality(parameter_types) = 0",
                    [], planning: .perExecution
                ).map { try $0.decode(at: 0) }
                #expect(prepared.count == 6 && prepared.contains { $0.contains("E'%O''Brien%'") }, "\(prepared)")
            }
            #expect(try await database.value("SELECT count(*)::int FROM users WHERE email LIKE 'hostile%'") as Int == names.count)
        }
    }

    @Test("searched or filtered: exact counts and the right pages on both sides of 1,000 matching rows (read by one scan once a list is known to match few), past the end, after the list grew, and beyond 10,000 an estimate")
    func narrowedCounts() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            // 1,000 matching "alpha", 1,001 matching "beta", 1,500 matching "gamma", 12,000 matching "delta".
            try await Self.insertUsers(database, count: AdminListStore.probeLimit, prefix: "alpha")
            try await Self.insertUsers(database, count: AdminListStore.probeLimit + 1, prefix: "beta")
            try await Self.insertUsers(database, count: 1_500, prefix: "gamma")
            try await Self.insertUsers(database, count: 12_000, prefix: "delta")
            try await database.run("ANALYZE users")
            for (prefix, total, shownTotal) in [("alpha", 1_000, "1,000"), ("beta", 1_001, "1,001"), ("gamma", 1_500, "1,500")] {
                let first = try await browser.get("/admin/users/?q=\(prefix)")
                #expect(Self.summary(first) == "\(shownTotal) results", "\(prefix)")
                // The last page holds what is left over, in the list's order (email, then id).
                let pages = (total + 49) / 50
                let last = try await browser.get("/admin/users/?q=\(prefix)&p=\(pages)")
                let expected: [String] = try await database.withClient { client in
                    try await client.query(
                        "SELECT email::text AS email FROM users WHERE email LIKE $1 ORDER BY email, id OFFSET $2", [prefix + "%", (pages - 1) * 50]
                    ).map { try $0.decode("email") }
                }
                let shown = last.text.matches(of: /\b(?:alpha|beta|gamma)\d+@example\.org/).map { String($0.output) }
                #expect(expected.count == total - (pages - 1) * 50 && expected.allSatisfy(shown.contains), "\(prefix): \(shown.count) shown")
                // Past the end: no row, the same exact total.
                let past = try await browser.get("/admin/users/?q=\(prefix)&p=\(pages + 1)")
                #expect(past.status == .ok || past.status == .notFound)
                #expect(!past.text.contains("\(prefix)1@example.org"))
            }
            // Remembered as few (1,000), then grown past the limit behind the list's back: the next page's scan finds
            // more than 1,000 and the list is read by the estimate again, counted exactly.
            try await Self.insertUsers(database, count: 600, prefix: "alphaz")
            #expect(Self.summary(try await browser.get("/admin/users/?q=alpha&p=2")) == "1,600 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=alpha&p=3")) == "1,600 results")
            try await database.run("DELETE FROM users WHERE email LIKE 'alphaz%'")
            #expect(Self.summary(try await browser.get("/admin/users/?q=alpha")) == "1,000 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=alpha&p=20")) == "1,000 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=nobody-like-this")) == "0 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=nobody-like-this")) == "0 results")
            let broad = try await browser.get("/admin/users/?q=delta")
            #expect(broad.text.contains("about ") && broad.text.contains("Select all (about"))
        }
    }

    @Test("what lists matched is remembered for a minute, forgotten on demand, and never more than the capacity")
    func matchMemory() {
        let memory = AdminMatchMemory()
        let start = ContinuousClock.now
        #expect(memory.matched("users\u{1}q", at: nil, now: start) == nil)
        memory.remember("users\u{1}q", .few, now: start)
        #expect(memory.matched("users\u{1}q", at: nil, now: start + .seconds(59)) == .few)
        #expect(memory.matched("users\u{1}q", at: nil, now: start + AdminMatchMemory.lifetime) == nil)
        memory.remember("users\u{1}q", .many(estimate: 60_000), now: start)
        #expect(memory.matched("users\u{1}q", at: nil, now: start) == .many(estimate: 60_000))
        // An estimate shown without counting holds at any version: it moves only when the table is analyzed.
        #expect(memory.matched("users\u{1}q", at: DataVersion(changes: 3, quarterHour: 2, serverStarted: 1), now: start) == .many(estimate: 60_000))
        // A count that passed the limit holds only at the data's version it was read at.
        let version = DataVersion(changes: 7, quarterHour: 1, serverStarted: 1)
        memory.remember("users\u{1}q", .many(estimate: 12_000, counted: version), now: start)
        #expect(memory.matched("users\u{1}q", at: version, now: start) == .many(estimate: 12_000, counted: version))
        #expect(memory.matched("users\u{1}q", at: DataVersion(changes: 8, quarterHour: 1, serverStarted: 1), now: start) == nil)
        #expect(memory.matched("users\u{1}q", at: nil, now: start) == nil)
        memory.forget("users\u{1}q")
        #expect(memory.matched("users\u{1}q", at: nil, now: start) == nil)
        for index in 0..<AdminMatchMemory.capacity { memory.remember("list \(index)", .few, now: start) }
        #expect(memory.matched("list 0", at: nil, now: start) == .few)
        memory.remember("one more", .few, now: start)
        #expect(memory.matched("list 0", at: nil, now: start) == nil && memory.matched("one more", at: nil, now: start) == .few)
    }

    @Test("a list whose count passed the limit is not counted again while the data's version stands: its full first page shows the same total; after any committed write it is counted again")
    func countedPastTheLimit() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            // The data's version holds the database clock's quarter hour: across one, the list is counted again.
            let quarterHour = "SELECT floor(extract(epoch FROM now()) / 900)::int8"
            let quarterBefore: Int = try await database.value(quarterHour)
            // More than the engine counts, but fewer than the planner's estimate it trusts without counting.
            let (_, summary) = try await Self.listedAbout(
                &browser, database, users: AdminListStore.exactCountLimit + 2_000, prefix: "zeta"
            )
            let shown = try #require(Int(summary.dropFirst("about ".count).prefix { $0 != " " }.filter(\.isNumber)))
            #expect(shown > AdminListStore.exactCountLimit && shown < AdminListStore.trustedEstimate, "\(summary)")
            // All but 80 deleted behind the data's version (as a replica applies rows: no trigger fires, the cascades'
            // included, which would move it), the statistics not updated: a count would now find 80. The same list,
            // asked by another address (the page cache keeps the first), is not counted: its first page is full of
            // the 80, and shows the total it showed.
            try await database.withClient(maxConnections: 1) { client in
                try await client.transaction { connection in
                    try await connection.execute("SET LOCAL session_replication_role = replica")
                    try await connection.execute("DELETE FROM users WHERE email LIKE 'zeta%' AND substring(email FROM 'zeta([0-9]+)@')::int > 80")
                }
            }
            let again = try await browser.get("/admin/users/?q=zeta&p=1")
            if try await database.value(quarterHour) == quarterBefore {
                #expect(Self.summary(again) == summary)
            }
            #expect(Set(again.text.matches(of: /zeta\d+@example\.org/).map { String($0.output) }).count == 50)
            // A committed write anywhere moves the version: the list is counted again, and shows what it holds.
            try await database.run("UPDATE users SET last_login_at = now() WHERE email = 'zeta1@example.org'")
            #expect(Self.summary(try await browser.get("/admin/users/?q=zeta&p=1")) == "80 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=zeta&p=2")) == "80 results")
        }
    }

    @Test("a list that matched far more than the count's limit shows the same estimate and rows when asked again, reading its page in the first round trip; a page that is not full gives the exact total")
    func manyMatches() async throws {
        try await TestApp.test { client, database in
            var browser = try await Browser.signedInAdmin(client, database)
            let (first, summary) = try await Self.listedAbout(
                &browser, database, users: AdminListStore.trustedEstimate + 10_000, prefix: "epsilon"
            )
            let rows = first.text.matches(of: /epsilon\d+@example\.org/).map { String($0.output) }
            #expect(rows.count >= 50)
            let again = try await browser.get("/admin/users/?q=epsilon")
            #expect(Self.summary(again) == summary && again.text.matches(of: /epsilon\d+@example\.org/).map { String($0.output) } == rows)
            let second = try await browser.get("/admin/users/?q=epsilon&p=2")
            #expect(Self.summary(second) == summary && !second.text.contains(rows[0]))
            // All but 80 gone behind the list's back (not analyzed: the planner still expects 60,000): its second page,
            // not full, is its last, so the total is exact; then it is remembered as few, and counted so.
            try await database.run("DELETE FROM users WHERE email LIKE 'epsilon%' AND substring(email FROM 'epsilon([0-9]+)@')::int > 80")
            let last = try await browser.get("/admin/users/?q=epsilon&p=2")
            #expect(Self.summary(last) == "80 results" && last.text.matches(of: /epsilon\d+@example\.org/).count >= 30)
            #expect(Self.summary(try await browser.get("/admin/users/?q=epsilon")) == "80 results")
            #expect(Self.summary(try await browser.get("/admin/users/?q=epsilon&p=3")) != nil)
        }
    }
}
