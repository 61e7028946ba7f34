import Hummingbird
import Postgres

/// The attendance reports: per group for a month, one group per athlete, one athlete month by month;
/// each as an inline SVG chart and a table, and as CSV (`format=csv`). Admins and managers see every
/// group, a coach only their own (another group or athlete answers 404); students may not see them.
struct AttendanceReportController: Sendable {
    let store: AttendanceReportStore
    let views: Views
    let settings: TrainingSettings

    /// Whoever reaches some training group (``TrainingGroupAccess``); students get 403.
    func addRoutes(to routes: Routes<SignedInContext>) {
        let staff = routes.restricted(to: TrainingGroupAccess.policy(for: .view))
        staff.get(AttendanceReportURL.groups, use: report)
        staff.get(AttendanceReportURL.athlete(.key), use: athlete)
    }

    @Sendable func report(_ request: Request, context: SignedInContext) async throws -> Response {
        let access = TrainingGroupAccess(user: context.user)
        let query = request.queryData
        let localizer = views.localizer(for: context)
        var month = ReportMonth(.today(in: views.timeZone))
        var monthError: String?
        if let text = query.value("month"), !text.isEmpty {
            if let parsed = ReportMonth(text) { month = parsed } else { monthError = localizer.t("Enter a month as YYYY-MM, like 2026-11.") }
        }
        let groups = try await store.groups(access: access)
        var selected: (id: Int, name: String)?
        if let text = query.value("group"), !text.isEmpty {
            guard let id = Int(text), let found = groups.first(where: { $0.id == id }) else { throw AppError.notFound }
            selected = found
        }
        let rows: [(name: String, url: String?, counts: AttendanceCounts)]
        if let selected {
            rows = try await store.athleteTotals(group: selected.id, from: month.first, to: month.end).map {
                ($0.name, AttendanceReportURL.athlete($0.id, month: month.value), $0.counts)
            }
        } else {
            rows = try await store.groupTotals(from: month.first, to: month.end, access: access).map {
                ($0.name, AttendanceReportURL.groups(month: month.value, group: $0.id), $0.counts)
            }
        }
        let firstColumn = selected == nil ? localizer.t("Group") : localizer.t("Athlete")
        // A month that does not read is shown with its message on the page, never as another month's file
        if query.value("format") == "csv", monthError == nil {
            let name = "attendance-\(month.value)" + (selected.map { "-group-\($0.id)" } ?? "") + ".csv"
            return csv(rows.map { ($0.name, $0.counts) }, firstColumn: firstColumn, fileName: name, localizer: localizer)
        }
        let view = AttendanceReportMaker(localizer: localizer, threshold: settings.attendanceWarningPercent).report(
            month: month, monthError: monthError, groups: groups, selected: selected, rows: rows, firstColumn: firstColumn
        )
        return views.render(.attendanceReport, title: view.heading, content: view, context: context,
                            status: monthError == nil ? .ok : .unprocessableContent)
    }

    @Sendable func athlete(_ request: Request, context: SignedInContext) async throws -> Response {
        let access = TrainingGroupAccess(user: context.user)
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0,
              let name = try await store.athleteName(id, access: access) else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        // The page has no month field (its links carry one): a month that does not read is an address that
        // does not exist, as a group id that does not read is on the groups' page
        var last = ReportMonth(.today(in: views.timeZone))
        if let text = request.queryData.value("month"), !text.isEmpty {
            guard let month = ReportMonth(text) else { throw AppError.notFound }
            last = month
        }
        var first = last
        for _ in 1..<12 { first = first.previous }
        let months = try await store.athleteMonths(athlete: id, from: first.first, to: last.end, access: access)
        let rows = months.map { row in
            (name: ReportMonth(row.month).label(localizer.format) + " · " + row.groupName, counts: row.counts)
        }
        if request.queryData.value("format") == "csv" {
            return csv(rows, firstColumn: localizer.t("Month and group"), fileName: "attendance-athlete-\(id)-\(last.value).csv", localizer: localizer)
        }
        let view = AttendanceReportMaker(localizer: localizer, threshold: settings.attendanceWarningPercent).athlete(
            id: id, name: name, first: first, last: last, rows: rows
        )
        return views.render(.athleteAttendance, title: view.heading, content: view, context: context)
    }

    private func csv(_ rows: [(name: String, counts: AttendanceCounts)], firstColumn: String, fileName: String, localizer: Localizer) -> Response {
        var csv = CSVWriter()
        csv.append([
            firstColumn, localizer.t("Sessions held"), localizer.t("Present"), localizer.t("Late"), localizer.t("Excused"),
            localizer.t("Absent"), localizer.t("Unmarked"), localizer.t("Attendance %"), localizer.t("Below threshold"),
        ])
        for row in rows {
            let counts = row.counts
            csv.append([
                row.name, String(counts.held), String(counts.present), String(counts.late), String(counts.excused), String(counts.absent),
                String(counts.unmarked), counts.percentage.map { String(($0 * 10).rounded() / 10) } ?? "",
                counts.percentage.map { $0 < Double(settings.attendanceWarningPercent) ? localizer.t("Yes") : localizer.t("No") } ?? "",
            ])
        }
        return csv.response(fileName: fileName)
    }
}
