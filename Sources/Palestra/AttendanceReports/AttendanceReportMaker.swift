/// Builds the report pages' view models: rows, totals, the chart and the links.
struct AttendanceReportMaker {
    let localizer: Localizer
    let threshold: Int

    var thresholdNote: String {
        // One line: the catalog test finds keys as `t("…")`
        localizer.t("Marked ⚠: attendance below {percent} % (present or late, out of the marked sessions held while a member; unmarked sessions are not counted).", ["percent": String(threshold)])
    }

    /// `total`: the rows' totals (for one group's athletes, the group's own: its sessions, not theirs summed).
    func report(
        month: ReportMonth, monthError: String?, groups: [(id: Int, name: String)], selected: (id: Int, name: String)?,
        rows: [(name: String, url: String?, counts: AttendanceCounts)], total: AttendanceCounts, firstColumn: String
    ) -> AttendanceReportView {
        let format = localizer.format
        let made = rows.map { AttendanceReportRow(name: $0.name, url: $0.url, counts: $0.counts, threshold: threshold, localizer: localizer) }
        let heading = selected.map { localizer.t("Attendance: {group}, {month}", ["group": $0.name, "month": month.label(format)]) }
            ?? localizer.t("Attendance by group, {month}", ["month": month.label(format)])
        let low = made.filter(\.isLow).count
        return AttendanceReportView(
            heading: heading, monthValue: month.value, monthError: monthError ?? "", hasMonthError: monthError != nil,
            groupOptions: [.init(value: "", label: localizer.t("All groups"), isSelected: selected == nil)]
                + groups.map { .init(value: String($0.id), label: $0.name, isSelected: $0.id == selected?.id) },
            firstColumn: firstColumn, rows: made, hasRows: !made.isEmpty,
            total: AttendanceReportRow(name: localizer.t("Total"), url: nil, counts: total, threshold: threshold, localizer: localizer),
            chart: chart(rows.map { ($0.name, $0.counts) }),
            csvURL: AttendanceReportURL.groups(month: month.value, group: selected?.id, format: "csv"),
            registerURL: selected.map { AttendanceReportURL.register($0.id, month: month.value) } ?? "", hasRegister: selected != nil,
            countsNote: selected == nil ? localizer.t("Sessions held counts the group's sessions; present, late, excused, absent and unmarked count its athletes' marks.") : "",
            hasCountsNote: selected == nil,
            previousURL: AttendanceReportURL.groups(month: month.previous.value, group: selected?.id),
            nextURL: AttendanceReportURL.groups(month: ReportMonth(month.end).value, group: selected?.id),
            thresholdNote: thresholdNote, lowCount: localizer.plural("{count} below the threshold", count: low), hasLow: low > 0,
            backURL: AttendanceReportURL.groups(month: month.value, group: nil), hasBack: selected != nil
        )
    }

    func athlete(
        id: Int, name: String, first: ReportMonth, last: ReportMonth, rows: [(name: String, url: String, counts: AttendanceCounts)],
        sessions: [AttendanceRegisterStore.AthleteSession]
    ) -> AthleteAttendanceView {
        let format = localizer.format
        let total = rows.reduce(AttendanceCounts()) { $0 + $1.counts }
        return AthleteAttendanceView(
            heading: localizer.t("Attendance: {name}", ["name": name]),
            periodNote: localizer.t("{from} to {to}", ["from": first.label(format), "to": last.label(format)]),
            firstColumn: localizer.t("Month and group"),
            rows: rows.map { AttendanceReportRow(name: $0.name, url: $0.url, counts: $0.counts, threshold: threshold, localizer: localizer) },
            hasRows: !rows.isEmpty,
            total: AttendanceReportRow(name: localizer.t("Total"), url: nil, counts: total, threshold: threshold, localizer: localizer),
            chart: chart(rows.map { ($0.name, $0.counts) }), csvURL: AttendanceReportURL.athlete(id, month: last.value, format: "csv"),
            thresholdNote: thresholdNote, backURL: AttendanceReportURL.groups(month: last.value, group: nil),
            sessionsHeading: localizer.t("Sessions in {month}", ["month": last.label(format)]),
            sessions: sessions.map { session in
                AthleteAttendanceView.SessionLine(
                    date: format.longDate(session.date), dateISO: session.date.description,
                    time: format.time(session.startsAt) + "–" + format.time(session.endsAt), group: session.groupName,
                    status: session.status.map { $0.label(localizer) } ?? localizer.t("Unmarked"),
                    statusKey: session.status?.rawValue ?? "unmarked", note: session.note, hasNote: !session.note.isEmpty
                )
            },
            hasSessions: !sessions.isEmpty,
            previousMonthURL: AttendanceReportURL.athlete(id, month: last.previous.value) + "#sessions",
            nextMonthURL: AttendanceReportURL.athlete(id, month: ReportMonth(last.end).value) + "#sessions"
        )
    }

    /// A bar for each row with marks (in the warning colour, and marked ⚠, below the threshold), an empty
    /// track for each whose held sessions nobody marked, and a dashed line at the threshold.
    private func chart(_ rows: [(name: String, counts: AttendanceCounts)]) -> BarChart {
        BarChart(
            title: localizer.t("Attendance, per cent"),
            rows: rows.filter { $0.counts.percentage != nil || $0.counts.isUnmarked }.map { row in
                let isLow = row.counts.isBelow(threshold)
                let label = row.name + " · " + AttendanceReportRow.percentText(row.counts, localizer: localizer) + (isLow ? " ⚠" : "")
                return (label, row.counts.percentage ?? 0, 100, isLow)
            },
            threshold: (Double(threshold), 100, "\(threshold) %")
        )
    }
}
