import Mustache

/// `/reports/commissions`: a team's commissions over a period — a chart per currency, a line per member
/// and currency, the team's totals per currency beside the previous period's — with the period form,
/// the CSV, and the email's state and button.
struct CommissionReportView: Sendable {
    struct ManagerOption: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    /// A member's line (or a team total's): amounts already formatted in their currency.
    struct Line: Sendable {
        let name: String
        let url: String
        let hasURL: Bool
        let currency: String
        let deals: String
        let base: String
        let commission: String
        let pending: String
        let approved: String
        let paid: String
        /// For totals: the previous period's commission and the change.
        let previous: String
        let change: String
    }

    let heading: String
    let formAction = CommissionReportURL.report.path
    let periodValue: String
    let periodError: String
    let hasPeriodError: Bool
    let periodHelp: String
    let managerOptions: [ManagerOption]
    let hasManagerChoice: Bool
    let periodLabel: String
    let previousURL: String
    let nextURL: String
    let previousLabel: String
    let lines: [Line]
    let hasLines: Bool
    let totals: [Line]
    let charts: [BarChart]
    let csvURL: String
    let emailAction = CommissionReportURL.email.path
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let managerID: String
    let sentNote: String
    let isSent: Bool
    let changedSinceSent: Bool
    let canEmail: Bool
    /// "Email me this report" to the manager, "Email this report to the manager" to an administrator.
    let emailLabel: String
}

extension CommissionReportView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("formAction", \.formAction), .text("periodValue", \.periodValue),
        .text("periodError", \.periodError), .bool("hasPeriodError", \.hasPeriodError), .text("periodHelp", \.periodHelp),
        .list("managerOptions", \.managerOptions), .bool("hasManagerChoice", \.hasManagerChoice), .text("periodLabel", \.periodLabel),
        .text("previousURL", \.previousURL), .text("nextURL", \.nextURL), .text("previousLabel", \.previousLabel),
        .list("lines", \.lines), .bool("hasLines", \.hasLines), .list("totals", \.totals), .list("charts", \.charts),
        .text("csvURL", \.csvURL), .text("emailAction", \.emailAction), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
        .text("managerID", \.managerID), .text("sentNote", \.sentNote), .bool("isSent", \.isSent),
        .bool("changedSinceSent", \.changedSinceSent), .bool("canEmail", \.canEmail), .text("emailLabel", \.emailLabel),
    ])
}

extension CommissionReportView.ManagerOption: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected),
    ])
}

extension CommissionReportView.Line: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("url", \.url), .bool("hasURL", \.hasURL), .text("currency", \.currency), .text("deals", \.deals),
        .text("base", \.base), .text("commission", \.commission), .text("pending", \.pending), .text("approved", \.approved),
        .text("paid", \.paid), .text("previous", \.previous), .text("change", \.change),
    ])
}
