import Foundation
import Postgres

/// Reading a change list's page, its total and its filters' choices in as few round trips and scans as the
/// list allows.
///
/// - A list neither searched nor filtered usually holds far more rows than ``exactCountLimit``: one round
///   trip reads the planner's estimate, the page and the choices, its statements prepared once and reused.
///   A count follows only when neither the page (the last one, within the limit) nor the estimate (far
///   above it) gives the total.
/// - A searched or filtered list often holds few: the estimate and the choices first, then the page's keys
///   and, by the estimate, their count (below the limit from the same scan of the matching rows), then the
///   page's rows by key. The keys' statements are planned for the request's values each time, so a rare value
///   gets a plan of its own (a generic plan settled on after common values scanned the whole table for it: 80 ms
///   instead of 1 on the bench data); they are small, so planning them is cheap.
/// - The same conditions asked again within a minute (``AdminMatchMemory``) skip the estimate and read the page's
///   rows in the first round trip, with the choices: a list that matched at most ``probeLimit`` rows with their
///   count, by one scan that stops past that limit; one whose total was shown as an estimate ("about": at least
///   ``trustedEstimate``, or counted past ``exactCountLimit``) alone.
///   That statement is prepared with its values written in (``PostgresStatement/writingValues()``), so each
///   connection plans it once for them, and the page takes two round trips with the session's.
///
/// The rows' statement reads 50 rows by primary key whatever the filters: prepared once, its plan reused.
extension AdminListStore {
    /// A page's statements, composed from the declaration and the state.
    struct PageStatements {
        /// The `WHERE` conditions, which the estimate and the count reuse.
        let conditions: SQLStatement
        /// The page's rows.
        let select: SQLStatement
        /// The page's keys (`page_key`), in the page's order.
        let keys: SQLStatement
        /// The page's keys, each with `total`: the matching rows counted up to one past ``exactCountLimit``,
        /// by the same scan. The page is right only when `total` is within the limit (the scan stops there).
        let keysCounted: SQLStatement
        /// The page's rows, each with `total`: the matching rows counted up to one past ``probeLimit``, by the same
        /// scan. What a searched or filtered list that matched few rows reads when it is asked again; its rows are
        /// the page's only when `total` is within the limit.
        let probe: SQLStatement
        /// The rows of the keys bound as `$1` (a `bigint[]`), in that order; its text is the same for every
        /// page of the list, so it is prepared once.
        let rowsByKey: SQLStatement
    }

    /// `version`: the data's version read with the session, before any of the page's statements (``AdminMatchMemory``).
    func page(of resource: AdminResource, for user: User, state: AdminListState, at version: DataVersion?) async throws -> AdminListPage {
        let isNarrowed = !state.search.isEmpty || !state.filterValues.isEmpty
        // A deep page of a list in a plain order starts at its remembered first row, if there is one.
        let keyset = isNarrowed || (state.page - 1) * resource.list.pageSize < AdminPageStarts.minimumOffset
            ? nil : try await keysetOrder(resource, state: state)
        let byOffset = pageStatements(of: resource, for: user, state: state, keyset: keyset.map { ($0, nil) })
        let pageName = try keyset.map { _ in try Self.memoryName(resource, byOffset.select) }
        let start = pageName.flatMap(pageStarts.start(of:))
        let statements = if let keyset, let start { pageStatements(of: resource, for: user, state: state, keyset: (keyset, start)) } else { byOffset }
        let lookups = resource.list.filters.compactMap { filter -> (name: String, statement: SQLStatement)? in
            guard case .foreignKey(let lookup) = filter.kind else { return nil }
            return (filter.name, choicesStatement(lookup, filteringFor: user))
        }
        let estimate = estimateStatement(resource, conditions: statements.conditions)
        let narrowing = isNarrowed ? try Self.memoryName(resource, statements.conditions) : nil
        let recalled = narrowing.flatMap { matchMemory.matched($0, at: version) }
        // A list asked again with the same values reads first what it read last time, prepared once per connection
        // with its values written in: planned for them once, then neither parsed nor planned again (0.5 ms of the
        // bench search's 1.3 in PostgreSQL).
        // (The estimate is not written so: an EXPLAIN plans with its values each time anyway, and every new search
        // would be one more prepared statement on the connection.)
        let first: PostgresStatement
        switch recalled {
        case .few?: first = Self.written(PostgresStatement(statements.probe.sql, statements.probe.values, planning: .perExecution))
        case .many?: first = Self.written(PostgresStatement(statements.select.sql, statements.select.values, planning: .perExecution))
        case nil: first = PostgresStatement(estimate.sql, estimate.values)
        }
        let results = try await database.pipeline(
            [first] + (isNarrowed ? [] : [PostgresStatement(statements.select.sql, statements.select.values)])
                + lookups.map { PostgresStatement($0.statement.sql, $0.statement.values) }
        )
        var choices: [String: [AdminChoice]] = [:]
        for (index, lookup) in lookups.enumerated() {
            choices[lookup.name] = try Self.choices(from: results[results.count - lookups.count + index])
        }
        let columns = RowColumns(resource)
        func listPage(_ rows: PostgresQueryResult, _ total: (value: Int, isEstimate: Bool)) throws -> AdminListPage {
            AdminListPage(
                rows: try rows.map { try Self.row($0, of: resource, columns: columns) }, total: total.value, isEstimate: total.isEstimate,
                filterChoices: choices
            )
        }
        if let narrowing {
            let (rows, total) = try await narrowedPage(
                resource, statements, state: state, narrowing: narrowing, recalled: recalled, first: results[0], estimate: estimate,
                version: version
            )
            return try listPage(rows, total)
        }
        let estimated = try Self.estimate(from: results[0])
        var rows = results[1]
        if let pageName, let keyset, start == nil || rows.isEmpty {
            if start != nil {
                // The remembered first row is gone or has moved: the page by offset, and its start anew.
                pageStarts.forget(pageName)
                rows = try await database.query(byOffset.select.sql, byOffset.select.values)
            }
            // Remembered when read by offset only, so a start is at most ``AdminPageStarts/lifetime`` old.
            if let first = rows.first {
                pageStarts.remember(
                    pageName, key: try first.decode("pk"), sortValues: try keyset.columns.indices.map { try first.decode("page_sort\($0)") }
                )
            }
        }
        return try listPage(rows, try await total(resource, statements, state: state, rows: rows.count, estimate: estimated))
    }

    /// A searched or filtered list's page and total: from what the list read first when it was remembered
    /// (``AdminMatchMemory``) and that still holds; otherwise by the planner's estimate. What it matched is remembered.
    private func narrowedPage(
        _ resource: AdminResource, _ statements: PageStatements, state: AdminListState, narrowing: String,
        recalled: AdminMatchMemory.Matched?, first: PostgresQueryResult, estimate: SQLStatement, version: DataVersion?
    ) async throws -> (PostgresQueryResult, (value: Int, isEstimate: Bool)) {
        let pageSize = resource.list.pageSize
        switch recalled {
        case .few?:
            if let matching = try Self.probed(first, page: state.page) {
                return (first, (matching, false))
            }
        case .many(let estimate, _)?:
            if first.count == pageSize {
                return (first, (estimate, true))
            }
            // A page that is not full is the list's last: its total is exact, whatever the estimate said.
            if !first.isEmpty || state.page == 1 {
                let total = (value: (state.page - 1) * pageSize + first.count, isEstimate: false)
                remember(narrowing, total, at: version)
                return (first, total)
            }
            // Past the end: read by the estimate, as a list not remembered is.
        case nil:
            break
        }
        let estimated = try Self.estimate(from: recalled == nil ? first : try await database.query(estimate.sql, estimate.values))
        let (rows, total) = try await pageByEstimate(resource, statements, state: state, estimate: estimated)
        remember(narrowing, total, at: version)
        return (rows, total)
    }

    /// Remembers what a searched or filtered list matched, when it is worth remembering: few rows, counted; more than
    /// ``exactCountLimit``, which the page shows as an estimate ("about"); otherwise forgets it.
    ///
    /// A total shown as an estimate is a planner's estimate so large it was not counted (at least ``trustedEstimate``),
    /// or the larger of the estimate and a count that passed the limit (below it, as the estimate was). The count is
    /// remembered with the data's `version` it was read at, and trusted only while that stands (``AdminMatchMemory``).
    private func remember(_ narrowing: String, _ total: (value: Int, isEstimate: Bool), at version: DataVersion?) {
        if !total.isEstimate, total.value <= Self.probeLimit {
            matchMemory.remember(narrowing, .few)
        } else if total.isEstimate, total.value >= Self.trustedEstimate {
            matchMemory.remember(narrowing, .many(estimate: total.value))
        } else if total.isEstimate, let version {
            matchMemory.remember(narrowing, .many(estimate: total.value, counted: version))
        } else {
            matchMemory.forget(narrowing)
        }
    }

    /// `statement` with its values written in (``PostgresStatement/writingValues()``), or as it is when they cannot be.
    private static func written(_ statement: PostgresStatement) -> PostgresStatement {
        statement.writingValues() ?? statement
    }

    /// The exact total a probe (``PageStatements/probe``) read with its page's rows, when the matching rows are within
    /// ``probeLimit`` (0 when the first page holds none: nothing matches); `nil` when there are more (the rows are then
    /// not the page's), or when a later page holds none, so the total is not known.
    static func probed(_ result: PostgresQueryResult, page: Int) throws -> Int? {
        guard let first = result.first else { return page == 1 ? 0 : nil }
        let matching: Int = try first.decode("total")
        return matching <= probeLimit ? matching : nil
    }

    /// A searched or filtered list's page and total, by the planner's estimate of the matching rows: far
    /// above the limit, the page and the estimate; near it, the page and a count in one round trip; below it,
    /// the page with its count from one scan — or, past the limit after all, the page alone and the larger of
    /// the two. The page's keys first, then its rows by key.
    private func pageByEstimate(
        _ resource: AdminResource, _ statements: PageStatements, state: AdminListState, estimate: Int?
    ) async throws -> (PostgresQueryResult, (value: Int, isEstimate: Bool)) {
        let keys = PostgresStatement(statements.keys.sql, statements.keys.values, planning: .perExecution)
        let estimate = estimate ?? Self.exactCountLimit
        let pageKeys: PostgresQueryResult
        let total: (value: Int, isEstimate: Bool)
        if estimate >= Self.trustedEstimate {
            pageKeys = try await database.query(keys.sql, keys.parameters, planning: .perExecution)
            total = (estimate, true)
        } else if estimate >= Self.exactCountLimit {
            let counting = countStatement(resource, conditions: statements.conditions)
            let results = try await database.pipeline([keys, PostgresStatement(counting.sql, counting.values, planning: .perExecution)])
            let exact: Int = try results[1][0].decode("n")
            (pageKeys, total) = (results[0], exact > Self.exactCountLimit ? (max(estimate, exact), true) : (exact, false))
        } else {
            let counted = try await database.query(statements.keysCounted.sql, statements.keysCounted.values, planning: .perExecution)
            if let first = counted.first {
                let matching: Int = try first.decode("total")
                if matching > Self.exactCountLimit {
                    pageKeys = try await database.query(keys.sql, keys.parameters, planning: .perExecution)
                    total = (max(estimate, matching), true)
                } else {
                    (pageKeys, total) = (counted, (matching, false))
                }
            } else {
                // No row on this page: nothing matches, or the page is past the end.
                let total = state.page == 1 ? (0, false) : try await count(resource, statements.conditions, planning: .perExecution, estimate: estimate)
                return (counted, total)
            }
        }
        return (try await rows(statements, keys: try pageKeys.map { try $0.decode("page_key", as: Int.self) }), total)
    }

    /// The rows of `keys`, in their order, by the statement prepared once for the list.
    private func rows(_ statements: PageStatements, keys: [Int]) async throws -> PostgresQueryResult {
        var parameters = statements.rowsByKey.parameters
        parameters.rebind(keys, at: 0)
        return try await database.query(statements.rowsByKey.sql, parameters.values, planning: .cached)
    }

    /// The total of a list neither searched nor filtered, whose page holds `rows` rows.
    private func total(
        _ resource: AdminResource, _ statements: PageStatements, state: AdminListState, rows: Int, estimate: Int?
    ) async throws -> (value: Int, isEstimate: Bool) {
        let offset = (state.page - 1) * resource.list.pageSize
        // The last page, within the limit: what it holds is the exact total.
        if rows < resource.list.pageSize, rows > 0 || offset == 0, offset + rows <= Self.exactCountLimit {
            return (offset + rows, false)
        }
        return try await count(resource, statements.conditions, planning: .cached, estimate: estimate)
    }

    /// The planner's estimate when it is far above ``exactCountLimit`` (``trustedEstimate``); otherwise
    /// counted exactly up to the limit, and beyond it the larger of the two, as an estimate.
    private func count(
        _ resource: AdminResource, _ conditions: SQLStatement, planning: PostgresPlanning, estimate: Int?
    ) async throws -> (value: Int, isEstimate: Bool) {
        if let estimate, estimate >= Self.trustedEstimate { return (estimate, true) }
        let counting = countStatement(resource, conditions: conditions)
        let exact: Int = try await database.query(counting.sql, counting.values, planning: planning)[0].decode("n")
        guard exact > Self.exactCountLimit else { return (exact, false) }
        return (max(estimate ?? exact, exact), true)
    }

    /// The names of a page's row columns (``rowColumns(_:parameters:)``), composed once a page rather than once a row.
    private struct RowColumns {
        let cells: [String]
        let readOnlyRules: [(name: String, rule: AdminReadOnlyRule)]
        let editable: [(column: String, field: String)]

        init(_ resource: AdminResource) {
            cells = resource.list.columns.indices.map { "c\($0)" }
            readOnlyRules = resource.access.readOnlyRules.enumerated().map { ("read_only\($0)", $1) }
            editable = resource.listEditableFields.enumerated().map { ("e\($0)", $1.name) }
        }
    }

    private static func row(_ row: PostgresRow, of resource: AdminResource, columns: RowColumns) throws -> AdminListPage.Row {
        AdminListPage.Row(
            id: try row.decode("pk"),
            label: try row.decode("label", as: String?.self) ?? "",
            cells: try columns.cells.map { try row.decode($0, as: String?.self) },
            edit: columns.editable.isEmpty ? nil : AdminListPage.Edit(
                version: try row.decode("version"),
                readOnlyRule: try columns.readOnlyRules.first { try row.decode($0.name, as: Bool?.self) == true }?.rule,
                values: Dictionary(uniqueKeysWithValues: try columns.editable.map { ($0.field, try row.decode($0.column, as: String?.self)) })
            )
        )
    }

    // MARK: Composing the statements

    /// The page's statements. The page's keys are chosen first, reading only the key and the sort values (an
    /// index-only scan where an index holds them, so a deep page skips index entries, not rows); the rows
    /// and their ``AdminListDeclaration/related`` rows are then read by key for that page alone. The page
    /// size and offset are numbers in the SQL, so the planner plans for the page asked for (as parameters a
    /// reused plan would assume a tenth of the table); they are Swift integers, never text from the request.
    func pageStatements(
        of resource: AdminResource, for user: User, state: AdminListState,
        keyset: (order: KeysetOrder, start: AdminPageStarts.Start?)? = nil
    ) -> PageStatements {
        var parameters = SQLParameters()
        let conditions = whereClause(resource, user: user, state: state, parameters: &parameters)
        let counting = SQLStatement(sql: conditions, parameters: parameters)
        let key = "\(resource.table).\(resource.primaryKey)"
        // The page's keys and sort values, and its order, with `parameters` from the conditions on.
        func paging(_ parameters: inout SQLParameters, skipping offset: Int = (state.page - 1) * resource.list.pageSize) -> (keys: String, order: [String], clause: String) {
            let order = orderTerms(resource, state: state, parameters: &parameters)
            let keys = ([key + " AS page_key"] + order.dropLast().enumerated().map { "(\($1.expression)) AS page_order\($0 + 1)" })
                .joined(separator: ", ")
            let pageOrder = order.enumerated().map { index, term in
                (index == order.count - 1 ? "page_key" : "page_order\(index + 1)") + (term.descending ? " DESC" : " ASC")
            }
            let clause = "ORDER BY \(pageOrder.joined(separator: ", ")) LIMIT \(resource.list.pageSize) OFFSET \(offset)"
            return (keys, pageOrder, clause)
        }
        var keyParameters = parameters
        let keyPaging = paging(&keyParameters)
        var columns = rowColumns(resource, parameters: &parameters)
        var pageConditions = conditions
        let page: (keys: String, order: [String], clause: String)
        if let keyset {
            // The sort values of each row as text (a page's first row is remembered by them), and from a remembered
            // start on rather than past the rows before it — if that row is still there with those values.
            let table = resource.table
            columns += ", " + keyset.order.columns.enumerated().map { "(\(table).\($1))::text AS page_sort\($0)" }.joined(separator: ", ")
            if let start = keyset.start {
                let same = zip(keyset.order.columns, start.sortValues).map { "(start.\($0))::text = \(parameters.bind($1))" }
                pageConditions += """
                     AND (\(keyset.order.columns.map { "\(table).\($0)" }.joined(separator: ", "))) \(keyset.order.descending ? "<=" : ">=") \
                    (SELECT \(keyset.order.columns.map { "start.\($0)" }.joined(separator: ", ")) FROM \(table) AS start \
                    WHERE start.\(resource.primaryKey) = \(parameters.bind(start.key))::bigint AND \(same.joined(separator: " AND ")))
                    """
            }
            page = paging(&parameters, skipping: keyset.start == nil ? (state.page - 1) * resource.list.pageSize : 0)
        } else {
            page = paging(&parameters)
        }
        let select = pageRows(
            resource, columns: columns, from: "(SELECT \(page.keys) FROM \(resource.table) WHERE \(pageConditions) \(page.clause)) AS page",
            order: page.order.map { "page." + $0 }.joined(separator: ", ")
        )
        let pageKeys = "SELECT \(keyPaging.keys) FROM \(resource.table) WHERE \(conditions) \(keyPaging.clause)"
        // The matching rows' keys and sort values, read by one scan that stops one past `limit`.
        func matching(upTo limit: Int) -> String {
            """
            WITH matching AS MATERIALIZED (
                SELECT \(keyPaging.keys) FROM \(resource.table) WHERE \(conditions) LIMIT \(limit + 1)
            )

            """
        }
        let keysCounted = matching(upTo: Self.exactCountLimit)
            + "SELECT page_key, (SELECT count(*) FROM matching)::bigint AS total FROM matching \(keyPaging.clause)"
        // The page's rows with the count of the matching rows up to one past the probe's limit, from one scan of them.
        var probeParameters = keyParameters
        let probe = matching(upTo: Self.probeLimit) + pageRows(
            resource, columns: rowColumns(resource, parameters: &probeParameters) + ", (SELECT count(*) FROM matching)::bigint AS total",
            from: "(SELECT * FROM matching \(keyPaging.clause)) AS page", order: keyPaging.order.map { "page." + $0 }.joined(separator: ", ")
        )
        return PageStatements(
            conditions: counting, select: SQLStatement(sql: select, parameters: parameters),
            keys: SQLStatement(sql: pageKeys, parameters: keyParameters), keysCounted: SQLStatement(sql: keysCounted, parameters: keyParameters),
            probe: SQLStatement(sql: probe, parameters: probeParameters), rowsByKey: rowsByKeyStatement(resource)
        )
    }

    /// An order of plain `NOT NULL` columns of the table, all in one direction (the key last): a row comparison
    /// follows it exactly, so a page can start at a remembered row.
    struct KeysetOrder {
        let columns: [String]
        let descending: Bool
    }

    /// The list's order as a ``KeysetOrder``, if it is one.
    func keysetOrder(_ resource: AdminResource, state: AdminListState) async throws -> KeysetOrder? {
        var parameters = SQLParameters()
        let terms = orderTerms(resource, state: state, parameters: &parameters)
        let columns = terms.map(\.expression)
        guard parameters.values.isEmpty, Set(terms.map(\.descending)).count == 1,
              columns.allSatisfy({ $0.wholeMatch(of: /[a-z_][a-z0-9_]*/) != nil }) else { return nil }
        let notNull = try await pageStarts.notNullColumns(of: resource.table, on: database)
        return columns.allSatisfy(notNull.contains) ? KeysetOrder(columns: columns, descending: terms[0].descending) : nil
    }

    /// What names a page among remembered starts (the resource and its page statement) or a searched or filtered
    /// list in ``AdminMatchMemory`` (the resource and its conditions): the statement's values included (the user's
    /// scope, the page number).
    static func memoryName(_ resource: AdminResource, _ statement: SQLStatement) throws -> String {
        var name = resource.slug + "\u{1}" + statement.sql
        for value in statement.values {
            name += "\u{1}" + (try value?.postgresParameter().bytes.map { String(decoding: $0, as: UTF8.self) } ?? "\u{2}")
        }
        return name
    }

    /// The rows of the keys bound as `$1`, in the array's order.
    func rowsByKeyStatement(_ resource: AdminResource) -> SQLStatement {
        var parameters = SQLParameters()
        let keys = parameters.bind([Int]())
        let columns = rowColumns(resource, parameters: &parameters)
        let sql = pageRows(
            resource, columns: columns, from: "unnest(\(keys)::bigint[]) WITH ORDINALITY AS page (page_key, page_position)",
            order: "page.page_position"
        )
        return SQLStatement(sql: sql, parameters: parameters)
    }

    /// The rows of a page whose keys `source` reads as `page` (`page_key`): each row's key, label and `columns`, its
    /// ``AdminListDeclaration/related`` rows joined, in `order`. The one shape of every statement that reads a page's rows.
    private func pageRows(_ resource: AdminResource, columns: String, from source: String, order: String) -> String {
        """
        SELECT \(rowLabel(resource)), \(columns)
        FROM \(source)
        JOIN \(resource.table) ON \(resource.table).\(resource.primaryKey) = page.page_key
        \(Self.relatedJoins(resource))ORDER BY \(order)
        """
    }

    /// A row's key and label, as ``row(_:of:columns:)`` reads them (the list's own label, over its related rows, if it has one).
    private func rowLabel(_ resource: AdminResource) -> String {
        "\(resource.table).\(resource.primaryKey) AS pk, (\(resource.list.labelExpression ?? resource.labelExpression))::text AS label"
    }

    /// The ``AdminListDeclaration/related`` rows' joins, each on its own line.
    static func relatedJoins(_ resource: AdminResource) -> String {
        resource.list.related.map { $0.join(to: resource.table) + "\n" }.joined()
    }

    /// A row's cells (`c0`…) and, on a list-editable resource, its version, which read-only rules hold (`read_only0`…) and the
    /// editable fields as their inputs hold them (`e0`…).
    private func rowColumns(_ resource: AdminResource, parameters: inout SQLParameters) -> String {
        var columns = resource.list.columns.enumerated().map {
            "(\(parameters.expand($1.expression, in: .column, .init(timeZone: timeZone))))::text AS c\($0)"
        }
        let editable = resource.listEditableFields
        if !editable.isEmpty {
            columns.append(resource.isVersioned ? "\(resource.table).version" : "0 AS version")
            // Each read-only rule as a column of its own: the page says which rule holds, and why, without another query.
            columns += resource.access.readOnlyRules.enumerated().map { "(\($1.onList ?? $1.sql)) AS read_only\($0)" }
            columns += editable.enumerated().map { "\(AdminRecordStore.readExpression($1, timeZone: timeZone)) AS e\($0)" }
        }
        return columns.joined(separator: ", ")
    }

    /// The matching rows counted up to one more than ``exactCountLimit``.
    func countStatement(_ resource: AdminResource, conditions: SQLStatement) -> SQLStatement {
        let sql = """
            SELECT count(*)::bigint AS n
            FROM (SELECT 1 FROM \(resource.table) WHERE \(conditions.sql) LIMIT \(Self.exactCountLimit + 1)) AS matching
            """
        return SQLStatement(sql: sql, parameters: conditions.parameters)
    }

    /// The planner's estimate of the matching rows (``estimate(from:)`` reads it); planned with the
    /// statement's values each time, even prepared.
    func estimateStatement(_ resource: AdminResource, conditions: SQLStatement) -> SQLStatement {
        SQLStatement(sql: "EXPLAIN (FORMAT JSON) SELECT 1 FROM \(resource.table) WHERE \(conditions.sql)", parameters: conditions.parameters)
    }

    /// The row count of an `EXPLAIN (FORMAT JSON)`'s top plan node, which costs planning, not a scan. PostgreSQL
    /// writes a node's own properties before its children (`"Plans"`), so the first `"Plan Rows"` is the top
    /// node's: read there, without parsing the whole document (which cost 1 % of the list page's server time), by
    /// a plain loop over the bytes (the standard library's generic `firstRange(of:)` took 47 µs for the 400 bytes
    /// of the attendance list's plan, 3 % of its server time; this takes under half a microsecond).
    static func estimate(from explained: PostgresQueryResult) throws -> Int? {
        var plan: String = try explained[0].decode(at: 0)
        return plan.withUTF8 { text -> Int? in
            let key = planRowsKey
            guard text.count >= key.count else { return nil }
            for start in 0...(text.count - key.count) where text[start] == key[0] && text[start..<start + key.count].elementsEqual(key) {
                let digits = text[(start + key.count)...].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                return Int(String(decoding: digits, as: UTF8.self))
            }
            return nil
        }
    }

    /// What precedes a plan node's estimated rows in an `EXPLAIN (FORMAT JSON)`.
    private static let planRowsKey = Array(#""Plan Rows": "#.utf8)
}
