import Mustache

/// A horizontal bar chart drawn as inline SVG on the server (`Templates/partials/bar_chart.mustache`):
/// a bar per row with its label above it, over a track as long as the chart, and a dashed line where a
/// threshold stands. Geometry in viewBox units, computed here; an area only maps its figures onto rows.
struct BarChart: Sendable {
    struct Bar: Sendable {
        let label: String
        let labelY: Int
        let barY: Int
        let width: String
        /// Drawn in the warning colour (a low attendance, a full pool).
        let isWarning: Bool
    }

    /// The dashed line across every bar: where it stands, and what it means for the caption.
    struct Threshold: Sendable {
        let x: String
        let label: String
    }

    static let width = 320
    static let rowHeight = 34

    let title: String
    let bars: [Bar]
    let hasBars: Bool
    let height: Int
    let viewBox: String
    let trackWidth = BarChart.width
    let threshold: Threshold?

    /// `rows`: a label, the value out of a whole (the track; past it the bar fills the track, below zero or
    /// out of nothing it draws none) and whether the bar warns. `threshold`: a dashed line at a value out of a whole.
    init(
        title: String, rows: [(label: String, value: Double, whole: Double, isWarning: Bool)],
        threshold: (value: Double, whole: Double, label: String)? = nil
    ) {
        self.title = title
        bars = rows.enumerated().map { index, row in
            let top = index * Self.rowHeight
            return Bar(label: row.label, labelY: top + 13, barY: top + 17, width: Self.units(row.value, of: row.whole), isWarning: row.isWarning)
        }
        hasBars = !bars.isEmpty
        height = max(rows.count * Self.rowHeight, Self.rowHeight)
        viewBox = "0 0 \(Self.width) \(height)"
        self.threshold = threshold.map { Threshold(x: Self.units($0.value, of: $0.whole), label: $0.label) }
    }

    /// `value` out of `whole` as a length along the track, to a tenth of a unit (whole numbers without a decimal).
    private static func units(_ value: Double, of whole: Double) -> String {
        guard whole > 0 else { return "0" }
        let length = (min(max(value, 0), whole) * Double(width) / whole * 10).rounded() / 10
        return length == length.rounded() ? String(Int(length)) : String(length)
    }
}

extension BarChart: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .list("bars", \.bars), .bool("hasBars", \.hasBars), .number("height", \.height), .text("viewBox", \.viewBox),
        .number("trackWidth", \.trackWidth), .object("threshold", \.threshold),
    ])
}

extension BarChart.Bar: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .number("labelY", \.labelY), .number("barY", \.barY), .text("width", \.width), .bool("isWarning", \.isWarning),
    ])
}

extension BarChart.Threshold: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [.text("x", \.x), .text("label", \.label)])
}
