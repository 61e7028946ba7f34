/// Turns a ``CommissionReport`` into what people read, in one language: the page's lines and totals,
/// the CSV and the email's parts all come from here, so they say the same numbers.
struct CommissionReportMaker: Sendable {
    let localizer: Localizer

    var format: LocalizedFormat { localizer.format }

    func heading(_ report: CommissionReport) -> String {
        localizer.t("Commissions of {manager}'s team, {period}", [
            "manager": report.managerName, "period": report.period.label(format, localizer: localizer),
        ])
    }

    /// A line per member and currency; a member without entries has dashes.
    func lines(_ report: CommissionReport, links: Bool) -> [CommissionReportView.Line] {
        report.lines.map { line in
            let url = CommissionReportURL.entries(member: line.memberID, manager: report.managerID, period: report.period, currency: line.currency)
            guard let code = line.currency else {
                return CommissionReportView.Line(
                    name: line.memberName, url: url, hasURL: false, currency: "—", deals: "0", base: "—", commission: "—",
                    pending: "—", approved: "—", paid: "—", previous: "", change: ""
                )
            }
            let currency = Currency.named(code)
            return CommissionReportView.Line(
                name: line.memberName, url: url, hasURL: links, currency: code, deals: format.number(line.sums.deals),
                base: currency.format(line.sums.base, format), commission: currency.format(line.sums.commission, format),
                pending: currency.format(line.sums.pending, format), approved: currency.format(line.sums.approved, format),
                paid: currency.format(line.sums.paid, format), previous: "", change: ""
            )
        }
    }

    /// The team's totals per currency, each beside the previous period's commission and the change.
    func totals(_ report: CommissionReport) -> [CommissionReportView.Line] {
        let current = report.totals
        let codes = Set(current.map(\.currency)).union(report.previousTotals.keys).sorted()
        return codes.map { code in
            let currency = Currency.named(code)
            let sums = current.first { $0.currency == code }?.sums ?? CommissionReport.Sums()
            let before = report.previousTotals[code]?.commission ?? 0
            return CommissionReportView.Line(
                name: localizer.t("Team total"), url: "", hasURL: false, currency: code, deals: format.number(sums.deals),
                base: currency.format(sums.base, format), commission: currency.format(sums.commission, format),
                pending: currency.format(sums.pending, format), approved: currency.format(sums.approved, format),
                paid: currency.format(sums.paid, format), previous: currency.format(before, format),
                change: change(from: before, to: sums.commission, currency: currency)
            )
        }
    }

    /// `+1,500.00 RUB (+25.0 %)`, `no change`, or the difference alone when there was nothing before.
    func change(from before: Int, to now: Int, currency: Currency) -> String {
        let difference = now - before
        guard difference != 0 else { return localizer.t("no change") }
        let amount = (difference > 0 ? "+" : "") + currency.format(difference, format)
        guard before > 0 else { return amount }
        let percent = Double(difference) / Double(before) * 100
        return amount + " (" + (percent > 0 ? "+" : "") + format.decimal(percent, fractionDigits: 1) + " %)"
    }

    /// A chart per currency: each member's commission in it as a share of the largest (a negative one draws no bar).
    func charts(_ report: CommissionReport) -> [BarChart] {
        report.totals.map { total in
            let currency = Currency.named(total.currency)
            let lines = report.lines.filter { $0.currency == total.currency }
            let largest = Double(lines.map(\.sums.commission).max() ?? 0)
            return BarChart(
                title: localizer.t("Commission per member, {currency}", ["currency": total.currency]),
                rows: lines.map { ($0.memberName + " · " + currency.format($0.sums.commission, format), Double($0.sums.commission), largest, false) }
            )
        }
    }

    /// The report as CSV: a line per member and currency, then the totals; amounts as numbers in the
    /// reader's spreadsheet dialect, member names neutralised by ``CSVWriter``.
    func csv(_ report: CommissionReport) -> CSVWriter {
        var csv = CSVWriter(for: format)
        csv.append([
            localizer.t("Member"), localizer.t("Currency"), localizer.t("Deals"), localizer.t("Base amount"), localizer.t("Commission"),
            localizer.t("Pending"), localizer.t("Approved"), localizer.t("Paid"),
        ])
        let row = { (name: String, code: String, sums: CommissionReport.Sums) -> [String] in
            let currency = Currency.named(code)
            return [
                name, code, String(sums.deals), currency.csv(sums.base, format), currency.csv(sums.commission, format),
                currency.csv(sums.pending, format), currency.csv(sums.approved, format), currency.csv(sums.paid, format),
            ]
        }
        for line in report.lines {
            if let code = line.currency { csv.append(row(line.memberName, code, line.sums)) } else { csv.append([line.memberName, "", "0", "", "", "", "", ""]) }
        }
        for total in report.totals { csv.append(row(localizer.t("Team total"), total.currency, total.sums)) }
        return csv
    }

    func fileName(_ report: CommissionReport) -> String {
        "commissions-manager-\(report.managerID)-\(report.period.value).csv"
    }
}
