import Postgres

/// The commission reports' SQL: a team is the entries whose stored manager (the member's manager on the
/// entry's date) is the manager, and the members of the team during the period.
struct CommissionReportStore: Sendable {
    let database: PostgresClient

    typealias Manager = (id: Int, name: String, email: String)

    /// The managers whose reports the user reaches, by name.
    func managers(access: CommissionAccess) async throws -> [Manager] {
        let statement = Self.managersStatement(access: access)
        return try Self.managers(from: try await database.query(statement.sql, statement.parameters))
    }

    static func managersStatement(access: CommissionAccess) -> PostgresStatement {
        let only: Int? = switch access.reach {
        case .everything: nil
        case .teamOf(let manager): manager
        case .own: 0
        }
        return PostgresStatement(
            """
            SELECT id, display_name, email::text AS email FROM users
            WHERE role = 'manager' AND ($1::bigint IS NULL OR id = $1) ORDER BY display_name, id
            """,
            [only]
        )
    }

    static func managers(from rows: PostgresQueryResult) throws -> [Manager] {
        try rows.map { (try $0.decode("id"), try $0.decode("display_name"), try $0.decode("email")) }
    }

    /// What the report page reads, in one round trip (a pipeline): the managers the user reaches (for the
    /// choice, and to check that `manager` is one of them), the report of `manager`'s team, and when it was
    /// last emailed. The caller refuses a manager out of reach before showing anything of the report.
    func page(access: CommissionAccess, manager: Int, period: CommissionPeriod) async throws
        -> (managers: [Manager], report: (Manager) throws -> CommissionReport, sent: CommissionReportSendStore.Send?) {
        let results = try await database.pipeline([
            Self.managersStatement(access: access), Self.reportStatement(manager: manager, period: period, digestOnlyWhenSent: true),
            CommissionReportSendStore.latestStatement(manager: manager, period: period.value),
        ])
        let rows = results[1]
        return (
            try Self.managers(from: results[0]),
            { chosen in try Self.report(from: rows, manager: manager, name: chosen.name, email: chosen.email, period: period) },
            try CommissionReportSendStore.latest(from: results[2])
        )
    }

    /// One manager by id (a manager: `role = 'manager'`), or `nil`.
    func manager(_ id: Int, on connection: any PostgresQueryable) async throws -> (name: String, email: String, language: String?)? {
        try await connection.query(
            "SELECT display_name, email::text AS email, language FROM users WHERE id = $1 AND role = 'manager'", [id]
        ).first.map { (try $0.decode("display_name"), try $0.decode("email"), try $0.decode("language")) }
    }

    /// Every manager's id (the monthly email).
    static func managerIDs(on connection: any PostgresQueryable) async throws -> [Int] {
        try await connection.query("SELECT id FROM users WHERE role = 'manager' AND is_active ORDER BY id", []).map { try $0.decode("id") }
    }

    func report(manager: Int, name: String, email: String, period: CommissionPeriod) async throws -> CommissionReport {
        try await Self.report(manager: manager, name: name, email: email, period: period, on: database)
    }

    /// The report in one statement: the team's entries of this period and the previous one are read once
    /// (by the manager and date index), then summed per member and currency for this period, per currency for
    /// the previous one, and digested (``fingerprint(manager:period:on:)``'s digest, the same rows).
    static func report(
        manager: Int, name: String, email: String, period: CommissionPeriod, on connection: any PostgresQueryable
    ) async throws -> CommissionReport {
        let statement = reportStatement(manager: manager, period: period)
        let rows = try await connection.query(statement.sql, statement.parameters)
        return try report(from: rows, manager: manager, name: name, email: email, period: period)
    }

    /// The report's statement. The entries come from the manager and date index alone (it includes every
    /// column read: an index-only scan once the table is vacuumed); each member's name by its key.
    ///
    /// `digestOnlyWhenSent`: the page compares the digest with the last email's only, so it is computed only
    /// when the report was emailed (else the report's fingerprint says "none").
    static func reportStatement(manager: Int, period: CommissionPeriod, digestOnlyWhenSent: Bool = false) -> PostgresStatement {
        let previous = period.previous
        return PostgresStatement(
            """
            WITH entries AS MATERIALIZED (
                SELECT e.id, e.version, e.status, e.member_id, e.currency, e.adjusts_id, e.base_minor, e.commission_minor,
                       e.entry_date >= $2::date AS is_current
                FROM commission_entries e
                WHERE e.manager_id = $1 AND e.entry_date >= $4::date AND e.entry_date < $3::date
            ), sums AS (
                SELECT member_id, currency, \(sumColumns)
                FROM entries WHERE is_current GROUP BY member_id, currency
            ), members AS (
                SELECT member_id FROM sums
                UNION
                SELECT m.member_id FROM team_memberships m JOIN teams t ON t.id = m.team_id
                WHERE t.manager_id = $1 AND m.joined_on < $3::date AND (m.left_on IS NULL OR m.left_on >= $2::date)
            )
            SELECT false AS is_previous, members.member_id AS id,
                   (SELECT u.display_name FROM users u WHERE u.id = members.member_id) AS display_name, s.currency, coalesce(s.deals, 0)::bigint AS deals, coalesce(s.base, 0)::bigint AS base,
                   coalesce(s.commission, 0)::bigint AS commission, coalesce(s.pending, 0)::bigint AS pending,
                   coalesce(s.approved, 0)::bigint AS approved, coalesce(s.paid, 0)::bigint AS paid,
                   CASE WHEN NOT $5::boolean OR EXISTS (SELECT 1 FROM commission_report_sends r WHERE r.manager_id = $1 AND r.period = $6)
                   THEN (SELECT coalesce(md5(string_agg(x.id || ':' || x.version || ':' || x.status, ',' ORDER BY x.id)), 'none')
                         FROM entries x WHERE x.is_current) END AS digest
            FROM members LEFT JOIN sums s ON s.member_id = members.member_id
            UNION ALL
            SELECT true, NULL, NULL, currency, \(sumColumns), NULL FROM entries WHERE NOT is_current GROUP BY currency
            ORDER BY 1, 3, 2, 4
            """,
            [manager, period.first, period.end, previous.first, digestOnlyWhenSent, period.value]
        )
    }

    static func report(
        from rows: PostgresQueryResult, manager: Int, name: String, email: String, period: CommissionPeriod
    ) throws -> CommissionReport {
        var lines: [CommissionReport.Line] = []
        var previousTotals: [String: CommissionReport.Sums] = [:]
        var digest: String?
        for row in rows {
            if try row.decode("is_previous") {
                previousTotals[try row.decode("currency")] = try sums(row)
            } else {
                if digest == nil { digest = try row.decode("digest", as: String?.self) }
                lines.append(CommissionReport.Line(
                    memberID: try row.decode("id"), memberName: try row.decode("display_name"), currency: try row.decode("currency"),
                    sums: try sums(row)
                ))
            }
        }
        return CommissionReport(
            managerID: manager, managerName: name, managerEmail: email, period: period, lines: lines, previousTotals: previousTotals,
            // Without a line there is no entry in the period: ``fingerprint(manager:period:on:)`` says "none" too
            fingerprint: digest ?? "none"
        )
    }

    /// The sums of `entries` rows, as ``sums(_:)`` reads them.
    private static let sumColumns = """
        count(*) FILTER (WHERE adjusts_id IS NULL)::bigint AS deals, sum(base_minor)::bigint AS base,
        sum(commission_minor)::bigint AS commission,
        coalesce(sum(commission_minor) FILTER (WHERE status = 'pending'), 0)::bigint AS pending,
        coalesce(sum(commission_minor) FILTER (WHERE status = 'approved'), 0)::bigint AS approved,
        coalesce(sum(commission_minor) FILTER (WHERE status = 'paid'), 0)::bigint AS paid
        """

    /// The team's entries in the period that have a note, oldest first (at most `limit`): the email shows them.
    static func notes(
        manager: Int, period: CommissionPeriod, limit: Int = 50, on connection: any PostgresQueryable
    ) async throws -> [(date: CalendarDate, member: String, deal: String, note: String)] {
        try await connection.query(
            """
            SELECT e.entry_date, u.display_name, e.deal, e.note FROM commission_entries e JOIN users u ON u.id = e.member_id
            WHERE e.manager_id = $1 AND e.entry_date >= $2::date AND e.entry_date < $3::date AND e.note <> ''
            ORDER BY e.entry_date, e.id LIMIT $4
            """,
            [manager, period.first, period.end, limit]
        ).map { (try $0.decode("entry_date"), try $0.decode("display_name"), try $0.decode("deal"), try $0.decode("note")) }
    }

    /// A digest of the team's entries in the period: it changes when one is added, changed or deleted.
    static func fingerprint(manager: Int, period: CommissionPeriod, on connection: any PostgresQueryable) async throws -> String {
        try await connection.query(
            """
            SELECT coalesce(md5(string_agg(e.id || ':' || e.version || ':' || e.status, ',' ORDER BY e.id)), 'none') AS digest
            FROM commission_entries e WHERE e.manager_id = $1 AND e.entry_date >= $2::date AND e.entry_date < $3::date
            """,
            [manager, period.first, period.end]
        ).first?.decode("digest") ?? "none"
    }

    private static func sums(_ row: PostgresRow) throws -> CommissionReport.Sums {
        CommissionReport.Sums(
            deals: try row.decode("deals"), base: try row.decode("base"), commission: try row.decode("commission"),
            pending: try row.decode("pending"), approved: try row.decode("approved"), paid: try row.decode("paid")
        )
    }
}
