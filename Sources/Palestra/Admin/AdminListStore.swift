import Foundation
import Postgres

/// The change lists' queries: scope, search, filters, ordering, paging and counting, composed from a
/// resource's declaration (trusted SQL) and the list's state (always bound as parameters).
struct AdminListStore: Sendable {
    let database: PostgresClient
    let timeZone: TimeZone
    /// Where deep pages start, remembered by this process (``AdminPageStarts``).
    var pageStarts = AdminPageStarts()
    /// What searched or filtered lists matched a moment ago (``AdminMatchMemory``).
    var matchMemory = AdminMatchMemory()

    /// Up to this many matching rows are counted exactly; beyond it the planner's estimate is shown.
    static let exactCountLimit = 10_000
    /// A searched or filtered list that matched at most this many rows a moment ago (``AdminMatchMemory``) is read
    /// first by a scan that stops past it: its page and count at once, without the planner's estimate.
    static let probeLimit = 1_000
    /// A planner's estimate at least this large is shown without counting: counting would pass the limit
    /// unless the planner were more than five times too high.
    static let trustedEstimate = 5 * exactCountLimit
    /// The most rows a bulk action over "all matching" touches at once.
    static let bulkLimit = 10_000

    /// Ids and labels of the rows a bulk action applies to: the selected ids, or every row matching the
    /// list's state when `selectAcross`; always within the user's scope.
    func targets(
        of resource: AdminResource, for user: User, ids: [Int], selectAcross: Bool, state: AdminListState
    ) async throws -> [(id: Int, label: String)] {
        var parameters = SQLParameters()
        var conditions = selectAcross
            ? whereClause(resource, user: user, state: state, parameters: &parameters)
            : Self.scopeClause(resource, user: user, parameters: &parameters)
        if !selectAcross {
            conditions += " AND \(resource.primaryKey) = ANY(\(parameters.bind(ids))::bigint[])"
        }
        let order = orderTerms(resource, state: state, parameters: &parameters)
            .map { "(\($0.expression)) \($0.descending ? "DESC" : "ASC")" }.joined(separator: ", ")
        // One more than the limit, so the caller can tell a selection that is too large.
        let limit = parameters.bind(Self.bulkLimit + 1)
        let rows = try await database.query(
            """
            SELECT \(resource.primaryKey) AS pk, (\(resource.labelExpression))::text AS label
            FROM \(resource.table) WHERE \(conditions)
            ORDER BY \(order) LIMIT \(limit)
            """,
            parameters.values
        )
        return try rows.map { (try $0.decode("pk"), try $0.decode("label", as: String?.self) ?? "") }
    }

    /// A foreign key's choices; for a filter, only those `user` is offered (the lookup's `filterScope`).
    func choices(_ lookup: AdminLookup, filteringFor user: User? = nil) async throws -> [AdminChoice] {
        let statement = choicesStatement(lookup, filteringFor: user)
        return try Self.choices(from: try await database.query(statement.sql, statement.values))
    }

    static func choices(from rows: PostgresQueryResult) throws -> [AdminChoice] {
        try rows.map { AdminChoice(try $0.decode("value"), try $0.decode("label", as: String?.self) ?? "") }
    }

    // MARK: Composing the query

    func choicesStatement(_ lookup: AdminLookup, filteringFor user: User?) -> SQLStatement {
        var parameters = SQLParameters()
        var conditions = lookup.condition.map { ["(\($0))"] } ?? []
        if let user { conditions.append(Self.condition(lookup.filterScope(user), user: user, parameters: &parameters)) }
        let sql = """
            SELECT (\(lookup.valueColumn))::text AS value, (\(lookup.labelExpression))::text AS label
            FROM \(lookup.table) \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY 2, 1 LIMIT 1000
            """
        return SQLStatement(sql: sql, parameters: parameters)
    }

    /// The resource's row scope for `user` as a condition; shared with ``AdminRecordStore``.
    static func scopeClause(_ resource: AdminResource, user: User, parameters: inout SQLParameters) -> String {
        condition(resource.access.scope(user), user: user, parameters: &parameters)
    }

    /// A scope (a resource's, a lookup's) as a condition.
    static func condition(_ scope: AdminScope, user: User, parameters: inout SQLParameters) -> String {
        switch scope {
        case .all: "true"
        case .none: "false"
        case .rows(let condition): "(" + parameters.expand(condition, in: .scope, .init(user: user.id)) + ")"
        }
    }

    func whereClause(_ resource: AdminResource, user: User, state: AdminListState, parameters: inout SQLParameters) -> String {
        var conditions = [Self.scopeClause(resource, user: user, parameters: &parameters)]
        if !resource.list.searchExpressions.isEmpty {
            for word in state.search.split(whereSeparator: \.isWhitespace).prefix(10) {
                // One fragment per word, so the pattern is bound once for every expression.
                let any = resource.list.searchExpressions.map { expression in
                    expression.contains(SQLPlaceholder.pattern.rawValue) || expression.contains(SQLPlaceholder.prefix.rawValue)
                        ? "(\(expression))" : "(\(expression))::text ILIKE {pattern}"
                }.joined(separator: " OR ")
                let escaped = Self.likeEscaped(String(word))
                conditions.append("(" + parameters.expand(any, in: .search, .init(pattern: "%" + escaped + "%", prefix: escaped + "%")) + ")")
            }
        }
        for filter in resource.list.filters {
            conditions += filterConditions(filter, state: state, parameters: &parameters)
        }
        return conditions.joined(separator: " AND ")
    }

    func filterConditions(_ filter: AdminFilter, state: AdminListState, parameters: inout SQLParameters) -> [String] {
        let value = state.filterValue(filter.name)
        switch filter.kind {
        case .choices(let choices):
            guard let value, choices.contains(where: { $0.value == value }) else { return [] }
            return [filter.matching(value, parameters: &parameters)]
        case .boolean:
            guard let value, value == "yes" || value == "no" else { return [] }
            return ["(\(filter.expression)) = \(value == "yes")"]
        case .foreignKey:
            // The value is checked against the lookup's choices by the controller's state; here it is text.
            guard let value else { return [] }
            return [filter.matching(value, parameters: &parameters)]
        case .date(let isTimestamp):
            return dateConditions(filter, isTimestamp: isTimestamp, state: state, parameters: &parameters)
        }
    }

    /// Presets run from the start of a day (month, year) in the organisation's time zone; a range's
    /// bounds are whole days, both included.
    func dateConditions(
        _ filter: AdminFilter, isTimestamp: Bool, state: AdminListState, parameters: inout SQLParameters
    ) -> [String] {
        let preset = state.filterValue(filter.name).flatMap(DatePreset.init(rawValue:))
        let from = state.filterValue(filter.name + "_from").flatMap(CalendarDate.init)
        let to = state.filterValue(filter.name + "_to").flatMap(CalendarDate.init)
        guard preset != nil || from != nil || to != nil else { return [] }
        // Every placeholder must be used (the server cannot type an unused one): bind the zone only when needed.
        let zone = (preset != nil || isTimestamp) ? parameters.bind(timeZone.identifier) : ""
        let today = "date_trunc('day', now() AT TIME ZONE \(zone))"
        func bound(_ localMidnight: String) -> String {
            isTimestamp ? "((\(localMidnight)) AT TIME ZONE \(zone))" : "(\(localMidnight))::date"
        }
        var conditions: [String] = []
        if let preset {
            let (start, end): (String, String) = switch preset {
            case .today: (today, "\(today) + interval '1 day'")
            case .past7: ("\(today) - interval '6 days'", "\(today) + interval '1 day'")
            case .month: ("date_trunc('month', \(today))", "date_trunc('month', \(today)) + interval '1 month'")
            case .year: ("date_trunc('year', \(today))", "date_trunc('year', \(today)) + interval '1 year'")
            }
            conditions.append("(\(filter.expression)) >= \(bound(start)) AND (\(filter.expression)) < \(bound(end))")
        }
        if let from {
            conditions.append("(\(filter.expression)) >= \(bound("\(parameters.bind(from))::date::timestamp"))")
        }
        if let to {
            conditions.append("(\(filter.expression)) < \(bound("\(parameters.bind(to))::date::timestamp + interval '1 day'"))")
        }
        return conditions
    }

    /// The ordering: the state's sortable columns, then the key, which breaks ties in the first column's
    /// direction, so an index on (column, key) serves both ways.
    func orderTerms(
        _ resource: AdminResource, state: AdminListState, parameters: inout SQLParameters
    ) -> [(expression: String, descending: Bool)] {
        var terms: [(expression: String, descending: Bool)] = []
        for index in state.ordering {
            guard let expression = resource.list.columns[abs(index) - 1].sortExpression else { continue }
            terms.append((parameters.expand(expression, in: .column, .init(timeZone: timeZone)), index < 0))
        }
        terms.append((resource.primaryKey, state.ordering.first.map { $0 < 0 } ?? false))
        return terms
    }

    /// `%`, `_` and `\` match themselves in an ILIKE pattern.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "\\" || character == "%" || character == "_" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
