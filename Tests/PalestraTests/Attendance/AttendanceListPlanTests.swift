import Foundation
@testable import Palestra
import Postgres
import TestSupport
import Testing

/// The attendance change list's statements as PostgreSQL plans them over the bench data (`seed --bench`:
/// about 190,000 records): with and without each filter, searched and deep, for an admin and a coach.
@Suite("Attendance list plans")
struct AttendanceListPlanTests {
    @Test("over the bench data the attendance list's page reads attendance_records by index and its count never reads it whole, for every filter and a coach; its rows by key by the primary key")
    func plans() async throws {
        try await TestDatabase.with { database in
            try await database.withClient { client in
                let seed = BenchSeed(database: client, hasher: try await TestUsers.hasher(), timeZone: TrainingFixture.zone)
                #expect(try await seed.load { _ in })
                let records: Int = try await client.query("SELECT count(*)::int AS n FROM attendance_records")[0].decode("n")
                #expect(records > 150_000)
                // The bound: what reading the whole table costs the planner.
                let wholeTable = try await Self.plan("SELECT * FROM attendance_records", [], on: client)
                #expect(wholeTable.scans == ["Seq Scan attendance_records"])
                let group: Int = try await client.query("SELECT id FROM training_groups ORDER BY id LIMIT 1 OFFSET 41")[0].decode("id")
                let coachID: Int = try await client.query("SELECT coach_id FROM training_groups WHERE id = $1", [group])[0].decode("coach_id")
                let admin = User(id: 1, email: "", displayName: "", role: .admin, language: nil)
                let coach = User(id: coachID, email: "", displayName: "", role: .coach, language: nil)
                let lists = AdminListStore(database: client, timeZone: TrainingFixture.zone)
                let resource = AttendanceAdmin.resource
                // The index each narrowing should read the page by (where one is the plain choice).
                let expected: [String: String] = [
                    "": "attendance_records_session_date_idx", "session_date=today": "attendance_records_session_date_idx",
                    "group=\(group)": "attendance_records_group_date_idx", "status=absent": "attendance_records_status_idx",
                    "q=zzzz": "attendance_records_athlete_idx",
                ]
                for user in [admin, coach] {
                    for query in Self.queries(group: group) {
                        let state = AdminListState(query: try FormData(urlEncoded: Substring(query)), resource: resource, today: .today(in: .gmt))
                        let statements = lists.pageStatements(of: resource, for: user, state: state)
                        let conditions = statements.conditions
                        let page = try await Self.plan(statements.select.sql, statements.select.values, on: client)
                        let name = "\(user.role.rawValue) [\(query)]"
                        #expect(!page.scans.contains("Seq Scan attendance_records"), "\(name) page: \(page.scans)")
                        // A first page costs less than reading the table once; a deep one may cost more (it skips rows).
                        #expect(state.page > 1 || page.cost < wholeTable.cost, "\(name) page costs \(page.cost): \(page.scans)")
                        if user.role == .admin, let index = expected[query] {
                            #expect(page.scans.contains { $0.hasSuffix(" " + index) }, "\(name) page: \(page.scans)")
                        }
                        // A searched or filtered list is read first by its probe, whatever it matches: a scan that stops
                        // past 1,000 rows (a sequential one when the matching rows are everywhere, as for a common
                        // name), planned to cost less than reading the table once.
                        if !state.search.isEmpty || !state.filterValues.isEmpty {
                            let probe = try await Self.plan(statements.probe.sql, statements.probe.values, on: client)
                            #expect(probe.cost < wholeTable.cost, "\(name) probe costs \(probe.cost): \(probe.scans)")
                            // A group's records of one status come from the index that holds them with their athlete.
                            if user.role == .admin, query.contains("status=absent"), query.contains("group=") {
                                #expect(probe.scans.contains { $0.hasSuffix(" attendance_records_group_status_idx") }, "\(name) probe: \(probe.scans)")
                            }
                        }
                        // Counting runs only below the estimate the list trusts. Near the limit a count stops at it, so a
                        // sequential scan that gets there early is fine; reading the whole table is not. Below it a searched
                        // or filtered list reads its few matching rows, with the page, by index: never the whole table, and
                        // at most the cost of reading it twice (the rows are spread over it).
                        let estimate = try await Self.plan("SELECT 1 FROM attendance_records WHERE \(conditions.sql)", conditions.values, on: client)
                        guard estimate.rows < AdminListStore.trustedEstimate else { continue }
                        if !state.search.isEmpty || !state.filterValues.isEmpty, estimate.rows < AdminListStore.exactCountLimit {
                            let counted = try await Self.plan(statements.keysCounted.sql, statements.keysCounted.values, on: client)
                            #expect(!counted.scans.contains("Seq Scan attendance_records"), "\(name) page and count: \(counted.scans)")
                            #expect(counted.cost < 2 * wholeTable.cost, "\(name) page and count cost \(counted.cost): \(counted.scans)")
                        } else {
                            let counting = lists.countStatement(resource, conditions: conditions)
                            let count = try await Self.plan(counting.sql, counting.values, on: client)
                            #expect(count.cost < wholeTable.cost, "\(name) count costs \(count.cost): \(count.scans)")
                        }
                    }
                }
                // A narrowed list's rows are read by key, by a statement prepared once: its generic plan reads 50
                // rows by primary key whatever the filters were.
                let byKey = lists.pageStatements(of: resource, for: admin, state: AdminListState(query: try FormData(urlEncoded: "status=absent"), resource: resource, today: .today(in: .gmt))).rowsByKey
                try await client.withConnection { connection in
                    try await connection.executeScript("PREPARE rows_by_key AS \(byKey.sql); SET plan_cache_mode = force_generic_plan")
                    let generic = try await Self.plan("EXECUTE rows_by_key(ARRAY[1, 2, 3]::bigint[])", [], on: connection)
                    #expect(generic.scans.contains("Index Scan attendance_records attendance_records_pkey"), "\(generic.scans)")
                    #expect(!generic.scans.contains("Seq Scan attendance_records") && generic.cost < wholeTable.cost / 10, "\(generic.cost): \(generic.scans)")
                    // Each row's group, athlete and marker by key, once: the label and the read-only rules read the joins,
                    // not a subquery a row (PostgreSQL scanned all 100 groups for each row's archived flag).
                    #expect(!generic.scans.contains { $0.hasPrefix("Seq Scan") }, "\(generic.scans)")
                    try await connection.executeScript("DEALLOCATE rows_by_key; RESET plan_cache_mode")
                }
                // The coach's unfiltered list is prepared and reused: its generic plan, too, reads by index.
                let select = lists.pageStatements(of: resource, for: coach, state: AdminListState(query: FormData(), resource: resource, today: .today(in: .gmt))).select
                #expect(select.values.count == 1)
                try await client.withConnection { connection in
                    try await connection.executeScript("PREPARE coach_page AS \(select.sql); SET plan_cache_mode = force_generic_plan")
                    let generic = try await Self.plan("EXECUTE coach_page(\(coachID))", [], on: connection)
                    #expect(!generic.scans.contains("Seq Scan attendance_records") && generic.cost < wholeTable.cost, "\(generic.scans)")
                    try await connection.executeScript("DEALLOCATE coach_page; RESET plan_cache_mode")
                }
            }
        }
    }

    /// Each filter alone, searches (common, two words, matching nothing), the bench's combination, deep pages.
    static func queries(group: Int) -> [String] {
        [
            "", "q=ivan", "q=ivan+petrov", "q=zzzz", "status=absent", "status=late", "status=excused", "group=\(group)", "status=absent&group=\(group)",
            "session_date=this-year", "session_date=today", "session_date_from=2026-03-01&session_date_to=2026-03-31",
            "q=ivan&status=absent&group=\(group)&session_date=this-year", "p=50", "status=excused&p=20",
        ]
    }

    struct Plan {
        let cost: Double
        let rows: Int
        /// Each scan node: type, relation, index.
        let scans: [String]
    }

    /// The planner's plan for `sql` with these values: its total cost, rows and scans.
    static func plan(_ sql: String, _ values: [(any PostgresEncodable)?], on client: some PostgresQueryable) async throws -> Plan {
        let json: String = try await client.query("EXPLAIN (FORMAT JSON) " + sql, values, planning: .perExecution)[0].decode(at: 0)
        let top = try #require((try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first?["Plan"] as? [String: Any])
        var scans: [String] = []
        func walk(_ node: [String: Any]) {
            if let type = node["Node Type"] as? String, type.contains("Scan") {
                scans.append([type, node["Relation Name"] as? String, node["Index Name"] as? String].compactMap { $0 }.joined(separator: " "))
            }
            for child in node["Plans"] as? [[String: Any]] ?? [] { walk(child) }
        }
        walk(top)
        return Plan(cost: top["Total Cost"] as? Double ?? .infinity, rows: top["Plan Rows"] as? Int ?? 0, scans: scans)
    }
}
