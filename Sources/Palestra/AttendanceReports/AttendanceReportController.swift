import Hummingbird
import Postgres

/// The attendance reports: per group for a month, one group per athlete, one group's register, one
/// athlete month by month with a month's sessions; each on screen and as CSV (`format=csv`). Admins and managers see every
/// group, a coach only their own (another group or athlete answers 404); students may not see them.
struct AttendanceReportController: Sendable {
    let store: AttendanceReportStore
    let registerStore: AttendanceRegisterStore
    let views: Views
    let settings: TrainingSettings

    /// Whoever reaches some training group (``TrainingGroupAccess``); students get 403.
    func addRoutes(to routes: Routes<SignedInContext>) {
        let staff = routes.restricted(to: TrainingGroupAccess.policy(for: .view))
        staff.get(AttendanceReportURL.groups, use: report)
        staff.get(AttendanceReportURL.register(.key), use: register)
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
        let total: AttendanceCounts
        if let selected {
            let athletes = try await store.athleteTotals(group: selected.id, from: month.first, to: month.end)
            let names = AthleteNames.shown(athletes, format: localizer.format)
            rows = athletes.map { (names[$0.id] ?? $0.name, AttendanceReportURL.athlete($0.id, month: month.value), $0.counts) }
            // The group's own total: its sessions held, not the athletes' summed
            total = try await store.groupTotals(from: month.first, to: month.end, access: access, group: selected.id).first?.counts ?? AttendanceCounts()
        } else {
            rows = try await store.groupTotals(from: month.first, to: month.end, access: access).map {
                ($0.name, AttendanceReportURL.groups(month: month.value, group: $0.id), $0.counts)
            }
            total = rows.reduce(AttendanceCounts()) { $0 + $1.counts }
        }
        let firstColumn = selected == nil ? localizer.t("Group") : localizer.t("Athlete")
        // A month that does not read is shown with its message on the page, never as another month's file
        if query.value("format") == "csv", monthError == nil {
            let name = "attendance-\(month.value)" + (selected.map { "-group-\($0.id)" } ?? "") + ".csv"
            return csv(rows.map { ($0.name, $0.counts) }, firstColumn: firstColumn, fileName: name, localizer: localizer)
        }
        let view = AttendanceReportMaker(localizer: localizer, threshold: settings.attendanceWarningPercent).report(
            month: month, monthError: monthError, groups: groups, selected: selected, rows: rows, total: total, firstColumn: firstColumn
        )
        return views.render(.attendanceReport, title: view.heading, content: view, context: context,
                            status: monthError == nil ? .ok : .unprocessableContent)
    }

    /// One group's register for a month: a month that does not read gets its message beside the field.
    @Sendable func register(_ request: Request, context: SignedInContext) async throws -> Response {
        let access = TrainingGroupAccess(user: context.user)
        guard let id = context.parameters.get("id").flatMap(Int.init), id > 0,
              let group = try await store.groups(access: access).first(where: { $0.id == id }) else { throw AppError.notFound }
        let localizer = views.localizer(for: context)
        let query = request.queryData
        var month = ReportMonth(.today(in: views.timeZone))
        var monthError: String?
        if let text = query.value("month"), !text.isEmpty {
            if let parsed = ReportMonth(text) { month = parsed } else { monthError = localizer.t("Enter a month as YYYY-MM, like 2026-11.") }
        }
        let register = AttendanceRegister(
            athletes: try await store.athleteTotals(group: group.id, from: month.first, to: month.end),
            sessions: try await registerStore.sessions(group: group.id, from: month.first, to: month.end),
            cells: try await registerStore.cells(group: group.id, from: month.first, to: month.end)
        )
        let maker = AttendanceRegisterMaker(localizer: localizer, threshold: settings.attendanceWarningPercent)
        if query.value("format") == "csv", monthError == nil {
            return maker.csv(register: register).response(fileName: "register-group-\(group.id)-\(month.value).csv")
        }
        let view = maker.view(group: group, month: month, monthError: monthError, register: register)
        return views.render(.attendanceRegister, title: view.heading, content: view, context: context,
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
            let month = ReportMonth(row.month)
            return (name: month.label(localizer.format) + " · " + row.groupName, url: AttendanceReportURL.athlete(id, month: month.value) + "#sessions", counts: row.counts)
        }
        if request.queryData.value("format") == "csv" {
            return csv(rows.map { ($0.name, $0.counts) }, firstColumn: localizer.t("Month and group"), fileName: "attendance-athlete-\(id)-\(last.value).csv", localizer: localizer)
        }
        let sessions = try await registerStore.athleteSessions(athlete: id, from: last.first, to: last.end, access: access)
        let view = AttendanceReportMaker(localizer: localizer, threshold: settings.attendanceWarningPercent).athlete(
            id: id, name: name, first: first, last: last, rows: rows, sessions: sessions
        )
        return views.render(.athleteAttendance, title: view.heading, content: view, context: context)
    }

    /// The counts as CSV in the reader's spreadsheet dialect (``LocalizedFormat/csvSeparator``); the
    /// percentage and the threshold's column are empty for a row without marks.
    private func csv(_ rows: [(name: String, counts: AttendanceCounts)], firstColumn: String, fileName: String, localizer: Localizer) -> Response {
        var csv = CSVWriter(for: localizer.format)
        csv.append([
            firstColumn, localizer.t("Sessions held"), localizer.t("Present"), localizer.t("Late"), localizer.t("Excused"),
            localizer.t("Absent"), localizer.t("Unmarked"), localizer.t("Attendance %"), localizer.t("Below threshold"),
        ])
        for row in rows {
            let counts = row.counts
            csv.append([
                row.name, String(counts.held), String(counts.present), String(counts.late), String(counts.excused), String(counts.absent),
                String(counts.unmarked), counts.percentage.map { localizer.format.csvDecimal($0, fractionDigits: 1) } ?? "",
                counts.percentage.map { $0 < Double(settings.attendanceWarningPercent) ? localizer.t("Yes") : localizer.t("No") } ?? "",
            ])
        }
        return csv.response(fileName: fileName)
    }
}
