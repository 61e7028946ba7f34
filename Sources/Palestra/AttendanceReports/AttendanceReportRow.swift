import Mustache

/// One line of an attendance table, formatted: a group, an athlete or a month, its counts and percentage,
/// and the warning mark when it is below the threshold.
struct AttendanceReportRow: Sendable {
    let name: String
    let url: String
    let hasURL: Bool
    let held: String
    let present: String
    let late: String
    let excused: String
    let absent: String
    let unmarked: String
    let percentage: String
    let isLow: Bool

    init(name: String, url: String?, counts: AttendanceCounts, threshold: Int, format: LocalizedFormat) {
        self.name = name
        self.url = url ?? ""
        hasURL = url != nil
        held = format.number(counts.held)
        present = format.number(counts.present)
        late = format.number(counts.late)
        excused = format.number(counts.excused)
        absent = format.number(counts.absent)
        unmarked = format.number(counts.unmarked)
        percentage = Self.percentText(counts.percentage, format: format)
        isLow = counts.percentage.map { $0 < Double(threshold) } ?? false
    }

    /// `83.3 %` / `83,3 %`; a dash without sessions.
    static func percentText(_ value: Double?, format: LocalizedFormat) -> String {
        value.map { format.decimal($0, fractionDigits: 1) + "\u{00A0}%" } ?? "—"
    }
}

extension AttendanceReportRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("url", \.url), .bool("hasURL", \.hasURL), .text("held", \.held), .text("present", \.present),
        .text("late", \.late), .text("excused", \.excused), .text("absent", \.absent), .text("unmarked", \.unmarked),
        .text("percentage", \.percentage), .bool("isLow", \.isLow),
    ])
}
