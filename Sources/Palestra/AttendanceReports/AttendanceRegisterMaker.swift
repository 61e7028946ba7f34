/// Builds the register's page and its CSV from an ``AttendanceRegister``.
struct AttendanceRegisterMaker {
    let localizer: Localizer
    let threshold: Int

    func view(group: (id: Int, name: String), month: ReportMonth, monthError: String?, register: AttendanceRegister) -> AttendanceRegisterView {
        let format = localizer.format
        let columns = register.sessions.map { session in
            AttendanceRegisterView.Column(
                day: String(session.date.day), weekday: format.shortWeekdayName(session.date.weekday),
                title: sessionTitle(session), dateISO: session.date.description, isPlanned: !session.isHeld
            )
        }
        let names = AthleteNames.shown(register.athletes, format: localizer.format)
        let rows = register.athletes.map { athlete in
            AttendanceRegisterView.Row(
                name: names[athlete.id] ?? athlete.name, url: AttendanceReportURL.athlete(athlete.id, month: month.value) + "#sessions",
                cells: register.sessions.map { cell(register.mark(athlete: athlete.id, session: $0)) },
                percentage: AttendanceReportRow.percentText(athlete.counts, localizer: localizer),
                isLow: athlete.counts.isBelow(threshold), isUnmarked: athlete.counts.isUnmarked
            )
        }
        let legend = AttendanceStatus.allCases.map { AttendanceRegisterView.LegendEntry(text: $0.shortLabel(localizer), label: $0.label(localizer), kind: $0.rawValue) }
            + [AttendanceRegisterView.LegendEntry(text: "?", label: localizer.t("Unmarked"), kind: "unmarked")]
        return AttendanceRegisterView(
            heading: localizer.t("Register: {group}, {month}", ["group": group.name, "month": month.label(format)]),
            formAction: AttendanceReportURL.register(.value(group.id)).path, monthValue: month.value,
            monthError: monthError ?? "", hasMonthError: monthError != nil,
            columns: columns, rows: rows, hasRows: !rows.isEmpty && !columns.isEmpty, hasColumns: !columns.isEmpty, legend: legend,
            thresholdNote: AttendanceReportMaker(localizer: localizer, threshold: threshold).thresholdNote,
            csvURL: AttendanceReportURL.register(group.id, month: month.value, format: "csv"),
            previousURL: AttendanceReportURL.register(group.id, month: month.previous.value),
            nextURL: AttendanceReportURL.register(group.id, month: ReportMonth(month.end).value),
            reportURL: AttendanceReportURL.groups(month: month.value, group: group.id),
            emptyText: columns.isEmpty ? localizer.t("The group has no sessions in this month.") : localizer.t("The group had no members in this month.")
        )
    }

    /// The register as CSV in the reader's spreadsheet dialect: a column per session (its date, and its
    /// start when a day has two), each cell the mark's full label, `Unmarked`, or empty (not held yet, not
    /// a member); then the month's percentage.
    func csv(register: AttendanceRegister) -> CSVWriter {
        let format = localizer.format
        var csv = CSVWriter(for: format)
        let withTimes = register.hasSeveralSessionsOnADay
        csv.append([localizer.t("Athlete")] + register.sessions.map { session in
            withTimes ? format.date(session.date) + " " + format.time(session.startsAt) : format.date(session.date)
        } + [localizer.t("Attendance %")])
        let names = AthleteNames.shown(register.athletes, format: localizer.format)
        for athlete in register.athletes {
            let cells = register.sessions.map { session -> String in
                switch register.mark(athlete: athlete.id, session: session) {
                case .marked(let status, _): status.label(localizer)
                case .unmarked: localizer.t("Unmarked")
                case .planned, .outside: ""
                }
            }
            csv.append([names[athlete.id] ?? athlete.name] + cells + [athlete.counts.percentage.map { format.csvDecimal($0, fractionDigits: 1) } ?? ""])
        }
        return csv
    }

    /// `Tuesday, 3 November 2026, 18:00–19:30`, and whether it is still to be held.
    private func sessionTitle(_ session: AttendanceRegisterStore.Session) -> String {
        let format = localizer.format
        let when = format.longDate(session.date) + ", " + format.time(session.startsAt) + "–" + format.time(session.endsAt)
        return session.isHeld ? when : localizer.t("{session} (not held yet)", ["session": when])
    }

    private func cell(_ mark: AttendanceRegister.Mark) -> AttendanceRegisterView.Cell {
        switch mark {
        case .marked(let status, let note):
            let label = status.label(localizer)
            return .init(text: status.shortLabel(localizer), title: note.isEmpty ? label : label + ": " + note, kind: status.rawValue, hasMark: true)
        case .unmarked:
            return .init(text: "?", title: localizer.t("Unmarked"), kind: "unmarked", hasMark: true)
        case .planned:
            return .init(text: "", title: localizer.t("Not held yet"), kind: "planned", hasMark: false)
        case .outside(let status?):
            return .init(
                text: status.shortLabel(localizer),
                title: localizer.t("{status}: not a member on this date, not counted", ["status": status.label(localizer)]),
                kind: "outside", hasMark: true
            )
        case .outside(nil):
            return .init(text: "", title: localizer.t("Not a member on this date"), kind: "outside", hasMark: false)
        }
    }
}
