import Foundation
import Mustache
import Postgres

/// The email of a commission report, in the manager's language: a plain text part and an HTML part
/// rendered from `Templates/commissions/report_email.mustache` (tables with inline styles, since mail
/// clients drop style sheets), both from ``CommissionReportMaker`` as the page and the CSV are.
struct CommissionReportMail: Sendable {
    /// An entry's note: when, whose, which deal, and the Markdown rendered by cmark (safe mode).
    struct NoteLine: Sendable {
        let heading: String
        let noteHTML: String
    }

    /// The HTML part's view model.
    struct HTMLView: Sendable {
        let lang: String
        let heading: String
        let intro: String
        let lines: [CommissionReportView.Line]
        let totals: [CommissionReportView.Line]
        let isEmpty: Bool
        let emptyText: String
        let previousLabel: String
        let notes: [NoteLine]
        let hasNotes: Bool
    }

    static let template = "commissions/report_email"

    let subject: String
    let text: String
    let html: String

    /// `notes`: the period's entries with a note (``CommissionReportStore/notes(manager:period:limit:on:)``).
    init(
        report: CommissionReport, notes: [(date: CalendarDate, member: String, deal: String, note: String)] = [], localizer: Localizer,
        library: MustacheLibrary?
    ) {
        let maker = CommissionReportMaker(localizer: localizer)
        let period = report.period.label(localizer.format, localizer: localizer)
        subject = localizer.t("Commission report, {period}", ["period": period])
        let heading = maker.heading(report)
        let lines = maker.lines(report, links: false)
        let totals = maker.totals(report)
        let previousLabel = localizer.t("Previous period ({period})", ["period": report.period.previous.label(localizer.format, localizer: localizer)])
        let emptyText = localizer.t("No commissions were entered for your team in this period.")
        var text = [heading, String(repeating: "=", count: min(heading.count, 72)), ""]
        if report.isEmpty {
            text.append(emptyText)
        } else {
            for line in lines where line.currency != "—" {
                text.append("\(line.name) (\(line.currency)): " + localizer.t("{deals} deals, base {base}, commission {commission}", [
                    "deals": line.deals, "base": line.base, "commission": line.commission,
                ]))
                text.append("  " + localizer.t("pending {pending}, approved {approved}, paid {paid}", [
                    "pending": line.pending, "approved": line.approved, "paid": line.paid,
                ]))
            }
            text.append("")
        }
        for total in totals {
            text.append(localizer.t("Team total") + " (\(total.currency)): " + total.commission + "; " + previousLabel + ": " + total.previous + ", " + total.change)
        }
        let noteLines = notes.map { NoteLine(heading: "\(localizer.format.date($0.date)), \($0.member), \($0.deal)", noteHTML: Markdown.html($0.note)) }
        if !notes.isEmpty {
            text += ["", localizer.t("Notes on the entries")]
            for (line, note) in zip(noteLines, notes) { text += ["", line.heading + ":", note.note.trimmingCharacters(in: .whitespacesAndNewlines)] }
        }
        self.text = text.joined(separator: "\n")
        let view = HTMLView(
            lang: localizer.format.language.rawValue, heading: heading,
            intro: localizer.t("Your team's commissions per member, and the totals per currency."),
            lines: lines, totals: totals, isEmpty: report.isEmpty, emptyText: emptyText, previousLabel: previousLabel,
            notes: noteLines, hasNotes: !noteLines.isEmpty
        )
        html = library?.renderText(view, template: Self.template) ?? ""
    }
}

extension CommissionReportMail.HTMLView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("lang", \.lang), .text("heading", \.heading), .text("intro", \.intro), .list("lines", \.lines), .list("totals", \.totals),
        .bool("isEmpty", \.isEmpty), .text("emptyText", \.emptyText), .text("previousLabel", \.previousLabel),
        .list("notes", \.notes), .bool("hasNotes", \.hasNotes),
    ])
}

extension CommissionReportMail.NoteLine: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("heading", \.heading), .html("noteHTML", \.noteHTML)])
}
