import Mustache

/// A horizontal bar chart of attendance percentages, drawn as inline SVG on the server: one bar per row
/// with its label above it, and a dashed line at the warning threshold. Geometry in viewBox units.
struct AttendanceChart: Sendable {
    struct Bar: Sendable {
        let label: String
        let valueText: String
        let labelY: Int
        let barY: Int
        let width: String
        let isLow: Bool
        let trackWidth = AttendanceChart.width
    }

    static let width = 320
    static let rowHeight = 34

    let bars: [Bar]
    let height: Int
    let viewBox: String
    let thresholdX: String
    let thresholdLabel: String
    let hasBars: Bool
    let title: String

    /// `rows`: a label, a percentage (`nil`: no marks, an empty track) and the value as the label shows it.
    init(title: String, rows: [(label: String, percentage: Double?, valueText: String)], threshold: Int, thresholdLabel: String) {
        let charted = rows
        bars = charted.enumerated().map { index, row in
            let top = index * Self.rowHeight
            return Bar(
                label: row.label, valueText: row.valueText, labelY: top + 13, barY: top + 17,
                width: Self.units(row.percentage ?? 0), isLow: row.percentage.map { $0 < Double(threshold) } ?? false
            )
        }
        height = max(charted.count * Self.rowHeight, Self.rowHeight)
        viewBox = "0 0 \(Self.width) \(height)"
        thresholdX = Self.units(Double(threshold))
        self.thresholdLabel = thresholdLabel
        hasBars = !bars.isEmpty
        self.title = title
    }

    /// A percentage as a length along the chart, with one decimal.
    private static func units(_ percentage: Double) -> String {
        let value = (min(max(percentage, 0), 100) * Double(width) / 100 * 10).rounded() / 10
        return value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension AttendanceChart: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("bars", \.bars), .number("height", \.height), .text("viewBox", \.viewBox), .text("thresholdX", \.thresholdX),
        .text("thresholdLabel", \.thresholdLabel), .bool("hasBars", \.hasBars), .text("title", \.title),
    ])
}

extension AttendanceChart.Bar: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("valueText", \.valueText), .number("labelY", \.labelY), .number("barY", \.barY),
        .text("width", \.width), .bool("isLow", \.isLow), .number("trackWidth", \.trackWidth),
    ])
}
