import Mustache

/// The counter check: every pool whose counter differs from its rows (it should find none), and the
/// form that repairs them.
struct DebateCounterCheckView: Sendable {
    struct Row: Sendable {
        let pool: String
        let event: String
        let taken: String
        let counted: String
    }

    let rows: [Row]
    let isClean: Bool
    let summary: String
    let repairURL: String
    let statisticsURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(mismatches: [DebateCounterMismatch], csrfToken: String, localizer: Localizer) {
        rows = mismatches.map { Row(pool: $0.poolName, event: $0.eventTitle, taken: String($0.taken), counted: String($0.counted)) }
        isClean = mismatches.isEmpty
        summary = mismatches.isEmpty
            ? localizer.t("Every pool's counter equals its active registrations and held offers.")
            : localizer.plural("{count} pools have a counter that differs from their rows.", count: mismatches.count)
        repairURL = DebateAdminURL.check.path
        statisticsURL = DebateAdminURL.statistics.path
        self.csrfToken = csrfToken
    }
}

extension DebateCounterCheckView.Row: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("pool", \.pool), .text("event", \.event), .text("taken", \.taken), .text("counted", \.counted),
    ])
}

extension DebateCounterCheckView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("rows", \.rows), .bool("isClean", \.isClean), .text("summary", \.summary), .text("repairURL", \.repairURL),
        .text("statisticsURL", \.statisticsURL), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
