import Mustache

/// One currency's commissions per member as a horizontal bar chart, drawn as inline SVG on the server:
/// a bar per member, its length the member's share of the largest commission (a negative total draws
/// no bar). Geometry in viewBox units.
struct CommissionChart: Sendable {
    struct Bar: Sendable {
        let label: String
        let labelY: Int
        let barY: Int
        let width: Int
        let trackWidth = CommissionChart.width
    }

    static let width = 320
    static let rowHeight = 34

    let title: String
    let bars: [Bar]
    let height: Int
    let viewBox: String

    /// `rows`: a label (the member and the amount as shown) and the commission in minor units.
    init(title: String, rows: [(label: String, minor: Int)]) {
        let largest = rows.map(\.minor).max() ?? 0
        bars = rows.enumerated().map { index, row in
            let top = index * Self.rowHeight
            let width = largest > 0 && row.minor > 0 ? Int((Double(row.minor) / Double(largest) * Double(Self.width)).rounded()) : 0
            return Bar(label: row.label, labelY: top + 13, barY: top + 17, width: width)
        }
        height = max(rows.count * Self.rowHeight, Self.rowHeight)
        viewBox = "0 0 \(Self.width) \(height)"
        self.title = title
    }
}

extension CommissionChart: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .list("bars", \.bars), .number("height", \.height), .text("viewBox", \.viewBox),
    ])
}

extension CommissionChart.Bar: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .number("labelY", \.labelY), .number("barY", \.barY), .number("width", \.width),
        .number("trackWidth", \.trackWidth),
    ])
}
