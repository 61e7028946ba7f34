/// Builds the report pages' view models: rows, totals, the chart and the links.
struct AttendanceReportMaker {
    let localizer: Localizer
    let threshold: Int

    private var thresholdNote: String {
        localizer.t("Marked ⚠: attendance below {percent} % (present or late, out of the sessions held while a member).", ["percent": String(threshold)])
    }

    func report(
        month: ReportMonth, monthError: String?, groups: [(id: Int, name: String)], selected: (id: Int, name: String)?,
        rows: [(name: String, url: String?, counts: AttendanceCounts)], firstColumn: String
    ) -> AttendanceReportView {
        let format = localizer.format
        let made = rows.map { AttendanceReportRow(name: $0.name, url: $0.url, counts: $0.counts, threshold: threshold, format: format) }
        let total = rows.reduce(AttendanceCounts()) { $0 + $1.counts }
        let heading = selected.map { localizer.t("Attendance: {group}, {month}", ["group": $0.name, "month": month.label(format)]) }
            ?? localizer.t("Attendance by group, {month}", ["month": month.label(format)])
        let low = made.filter(\.isLow).count
        return AttendanceReportView(
            heading: heading, monthValue: month.value, monthError: monthError ?? "", hasMonthError: monthError != nil,
            groupOptions: [.init(value: "", label: localizer.t("All groups"), isSelected: selected == nil)]
                + groups.map { .init(value: String($0.id), label: $0.name, isSelected: $0.id == selected?.id) },
            firstColumn: firstColumn, rows: made, hasRows: !made.isEmpty,
            total: AttendanceReportRow(name: localizer.t("Total"), url: nil, counts: total, threshold: threshold, format: format),
            chart: chart(rows.map { ($0.name, $0.counts) }),
            csvURL: AttendanceReportURL.groups(month: month.value, group: selected?.id, format: "csv"),
            previousURL: AttendanceReportURL.groups(month: month.previous.value, group: selected?.id),
            nextURL: AttendanceReportURL.groups(month: ReportMonth(month.end).value, group: selected?.id),
            thresholdNote: thresholdNote, lowCount: localizer.plural("{count} below the threshold", count: low), hasLow: low > 0,
            backURL: AttendanceReportURL.groups(month: month.value, group: nil), hasBack: selected != nil
        )
    }

    func athlete(id: Int, name: String, first: ReportMonth, last: ReportMonth, rows: [(name: String, counts: AttendanceCounts)]) -> AthleteAttendanceView {
        let format = localizer.format
        let total = rows.reduce(AttendanceCounts()) { $0 + $1.counts }
        return AthleteAttendanceView(
            heading: localizer.t("Attendance: {name}", ["name": name]),
            periodNote: localizer.t("{from} to {to}", ["from": first.label(format), "to": last.label(format)]),
            firstColumn: localizer.t("Month and group"),
            rows: rows.map { AttendanceReportRow(name: $0.name, url: nil, counts: $0.counts, threshold: threshold, format: format) },
            hasRows: !rows.isEmpty,
            total: AttendanceReportRow(name: localizer.t("Total"), url: nil, counts: total, threshold: threshold, format: format),
            chart: chart(rows), csvURL: AttendanceReportURL.athlete(id, month: last.value, format: "csv"),
            thresholdNote: thresholdNote, backURL: AttendanceReportURL.groups(month: last.value, group: nil)
        )
    }

    private func chart(_ rows: [(name: String, counts: AttendanceCounts)]) -> AttendanceChart {
        AttendanceChart(
            title: localizer.t("Attendance, per cent"),
            rows: rows.map { ($0.name, $0.counts.percentage, AttendanceReportRow.percentText($0.counts.percentage, format: localizer.format)) },
            threshold: threshold, thresholdLabel: "\(threshold) %"
        )
    }
}
