import Mustache

/// One line of an attendance table, formatted: a group, an athlete or a month, its counts and percentage
/// (or "unmarked" when nobody marked its held sessions), and the warning mark when it is below the threshold.
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
    /// Held sessions with no mark at all: the percentage reads "unmarked".
    let isUnmarked: Bool

    init(name: String, url: String?, counts: AttendanceCounts, threshold: Int, localizer: Localizer) {
        let format = localizer.format
        self.name = name
        self.url = url ?? ""
        hasURL = url != nil
        held = format.number(counts.held)
        present = format.number(counts.present)
        late = format.number(counts.late)
        excused = format.number(counts.excused)
        absent = format.number(counts.absent)
        unmarked = format.number(counts.unmarked)
        percentage = Self.percentText(counts, localizer: localizer)
        isLow = counts.isBelow(threshold)
        isUnmarked = counts.isUnmarked
    }

    /// `83.3 %` / `83,3 %`; "unmarked" when sessions were held and nobody marked them; a dash without sessions.
    static func percentText(_ counts: AttendanceCounts, localizer: Localizer) -> String {
        if let value = counts.percentage { return localizer.format.decimal(value, fractionDigits: 1) + "\u{00A0}%" }
        return counts.isUnmarked ? localizer.t("unmarked") : "—"
    }
}

extension AttendanceReportRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("url", \.url), .bool("hasURL", \.hasURL), .text("held", \.held), .text("present", \.present),
        .text("late", \.late), .text("excused", \.excused), .text("absent", \.absent), .text("unmarked", \.unmarked),
        .text("percentage", \.percentage), .bool("isLow", \.isLow), .bool("isUnmarked", \.isUnmarked),
    ])
}
