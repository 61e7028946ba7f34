import Mustache

/// `/reports/attendance`: the month's attendance per group, or one group's per athlete, as a chart and a
/// table, with a form to pick the month and group.
struct AttendanceReportView: Sendable {
    struct GroupOption: Sendable {
        let value: String
        let label: String
        let isSelected: Bool
    }

    let heading: String
    /// Where the month and group form goes.
    let formAction = AttendanceReportURL.groups.path
    let monthValue: String
    let monthError: String
    let hasMonthError: Bool
    let groupOptions: [GroupOption]
    let firstColumn: String
    let rows: [AttendanceReportRow]
    let hasRows: Bool
    let total: AttendanceReportRow
    let chart: BarChart
    let csvURL: String
    /// One group's register grid for the month (a group chosen).
    let registerURL: String
    let hasRegister: Bool
    /// Over the groups: what the columns count (sessions, then marks); empty for one group's athletes.
    let countsNote: String
    let hasCountsNote: Bool
    let previousURL: String
    let nextURL: String
    let thresholdNote: String
    let lowCount: String
    let hasLow: Bool
    let backURL: String
    let hasBack: Bool
}

/// `/reports/attendance/athletes/<id>`: one athlete's attendance month by month and group, and each
/// session of the last month with its date, status and note.
struct AthleteAttendanceView: Sendable {
    /// A held session of the month: when, which group, the athlete's mark (or unmarked) and its note.
    struct SessionLine: Sendable {
        let date: String
        let dateISO: String
        let time: String
        let group: String
        let status: String
        /// The status's stored value or `unmarked`: the badge's modifier.
        let statusKey: String
        let note: String
        let hasNote: Bool
    }

    let heading: String
    let periodNote: String
    let firstColumn: String
    let rows: [AttendanceReportRow]
    let hasRows: Bool
    let total: AttendanceReportRow
    let chart: BarChart
    let csvURL: String
    let thresholdNote: String
    let backURL: String
    let sessionsHeading: String
    let sessions: [SessionLine]
    let hasSessions: Bool
    let previousMonthURL: String
    let nextMonthURL: String
}

extension AttendanceReportView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("formAction", \.formAction), .text("monthValue", \.monthValue),
        .text("monthError", \.monthError), .bool("hasMonthError", \.hasMonthError), .list("groupOptions", \.groupOptions),
        .text("firstColumn", \.firstColumn), .list("rows", \.rows), .bool("hasRows", \.hasRows), .object("total", \.total),
        .object("chart", \.chart), .text("csvURL", \.csvURL), .text("registerURL", \.registerURL), .bool("hasRegister", \.hasRegister),
        .text("countsNote", \.countsNote), .bool("hasCountsNote", \.hasCountsNote), .text("previousURL", \.previousURL), .text("nextURL", \.nextURL),
        .text("thresholdNote", \.thresholdNote), .text("lowCount", \.lowCount), .bool("hasLow", \.hasLow),
        .text("backURL", \.backURL), .bool("hasBack", \.hasBack),
    ])
}

extension AthleteAttendanceView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("periodNote", \.periodNote), .text("firstColumn", \.firstColumn),
        .list("rows", \.rows), .bool("hasRows", \.hasRows), .object("total", \.total), .object("chart", \.chart),
        .text("csvURL", \.csvURL), .text("thresholdNote", \.thresholdNote), .text("backURL", \.backURL),
        .text("sessionsHeading", \.sessionsHeading), .list("sessions", \.sessions), .bool("hasSessions", \.hasSessions),
        .text("previousMonthURL", \.previousMonthURL), .text("nextMonthURL", \.nextMonthURL),
    ])
}

extension AthleteAttendanceView.SessionLine: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("date", \.date), .text("dateISO", \.dateISO), .text("time", \.time), .text("group", \.group),
        .text("status", \.status), .text("statusKey", \.statusKey), .text("note", \.note), .bool("hasNote", \.hasNote),
    ])
}

extension AttendanceReportView.GroupOption: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected),
    ])
}
