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
    let chart: AttendanceChart
    let csvURL: String
    let previousURL: String
    let nextURL: String
    let thresholdNote: String
    let lowCount: String
    let hasLow: Bool
    let backURL: String
    let hasBack: Bool
}

/// `/reports/attendance/athletes/<id>`: one athlete's attendance month by month and group.
struct AthleteAttendanceView: Sendable {
    let heading: String
    let periodNote: String
    let firstColumn: String
    let rows: [AttendanceReportRow]
    let hasRows: Bool
    let total: AttendanceReportRow
    let chart: AttendanceChart
    let csvURL: String
    let thresholdNote: String
    let backURL: String
}

extension AttendanceReportView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("formAction", \.formAction), .text("monthValue", \.monthValue),
        .text("monthError", \.monthError), .bool("hasMonthError", \.hasMonthError), .list("groupOptions", \.groupOptions),
        .text("firstColumn", \.firstColumn), .list("rows", \.rows), .bool("hasRows", \.hasRows), .object("total", \.total),
        .object("chart", \.chart), .text("csvURL", \.csvURL), .text("previousURL", \.previousURL), .text("nextURL", \.nextURL),
        .text("thresholdNote", \.thresholdNote), .text("lowCount", \.lowCount), .bool("hasLow", \.hasLow),
        .text("backURL", \.backURL), .bool("hasBack", \.hasBack),
    ])
}

extension AthleteAttendanceView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("periodNote", \.periodNote), .text("firstColumn", \.firstColumn),
        .list("rows", \.rows), .bool("hasRows", \.hasRows), .object("total", \.total), .object("chart", \.chart),
        .text("csvURL", \.csvURL), .text("thresholdNote", \.thresholdNote), .text("backURL", \.backURL),
    ])
}

extension AttendanceReportView.GroupOption: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("value", \.value), .text("label", \.label), .bool("isSelected", \.isSelected),
    ])
}
