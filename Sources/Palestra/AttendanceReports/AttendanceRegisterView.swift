import Mustache

/// `/reports/attendance/groups/<id>/register`: one group's month as a register, Moodle's attendance
/// report: a row per athlete, a column per session, each cell the athlete's mark (its short label, the
/// full one and the note in `<abbr title>`), and the month's percentage per athlete.
struct AttendanceRegisterView: Sendable {
    /// A session's column: its day and weekday, and in full its date and time.
    struct Column: Sendable {
        let day: String
        let weekday: String
        let title: String
        let dateISO: String
        let isPlanned: Bool
    }

    /// An athlete at a session. `kind`: a status's stored value, `unmarked`, `planned` (not held yet) or
    /// `outside` (not a member on the date), the cell's style.
    struct Cell: Sendable {
        let text: String
        let title: String
        let kind: String
        let hasMark: Bool
    }

    struct Row: Sendable {
        let name: String
        let url: String
        let cells: [Cell]
        let percentage: String
        let isLow: Bool
        let isUnmarked: Bool
    }

    /// A short label and what it stands for.
    struct LegendEntry: Sendable {
        let text: String
        let label: String
        let kind: String
    }

    let heading: String
    let formAction: String
    let monthValue: String
    let monthError: String
    let hasMonthError: Bool
    let columns: [Column]
    let rows: [Row]
    let hasRows: Bool
    let hasColumns: Bool
    let legend: [LegendEntry]
    let thresholdNote: String
    let csvURL: String
    let previousURL: String
    let nextURL: String
    let reportURL: String
    let emptyText: String
}

extension AttendanceRegisterView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("heading", \.heading), .text("formAction", \.formAction), .text("monthValue", \.monthValue),
        .text("monthError", \.monthError), .bool("hasMonthError", \.hasMonthError), .list("columns", \.columns),
        .list("rows", \.rows), .bool("hasRows", \.hasRows), .bool("hasColumns", \.hasColumns), .list("legend", \.legend),
        .text("thresholdNote", \.thresholdNote), .text("csvURL", \.csvURL), .text("previousURL", \.previousURL),
        .text("nextURL", \.nextURL), .text("reportURL", \.reportURL), .text("emptyText", \.emptyText),
    ])
}

extension AttendanceRegisterView.Column: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("day", \.day), .text("weekday", \.weekday), .text("title", \.title), .text("dateISO", \.dateISO),
        .bool("isPlanned", \.isPlanned),
    ])
}

extension AttendanceRegisterView.Cell: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("text", \.text), .text("title", \.title), .text("kind", \.kind), .bool("hasMark", \.hasMark),
    ])
}

extension AttendanceRegisterView.Row: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("url", \.url), .list("cells", \.cells), .text("percentage", \.percentage),
        .bool("isLow", \.isLow), .bool("isUnmarked", \.isUnmarked),
    ])
}

extension AttendanceRegisterView.LegendEntry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("text", \.text), .text("label", \.label), .text("kind", \.kind),
    ])
}
