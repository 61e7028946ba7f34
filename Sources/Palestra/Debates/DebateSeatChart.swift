import Mustache

/// A horizontal bar chart of seats taken per pool, drawn as inline SVG on the server: one bar per pool
/// over a track as long as its capacity. Geometry in viewBox units.
struct DebateSeatChart: Sendable {
    struct Bar: Sendable {
        let label: String
        let labelY: Int
        let barY: Int
        let width: String
        let isFull: Bool
        let trackWidth = DebateSeatChart.width
    }

    static let width = 320
    static let rowHeight = 34

    let bars: [Bar]
    let height: Int
    let viewBox: String
    let hasBars: Bool
    let title: String

    init(title: String, pools: [(label: String, taken: Int, capacity: Int)]) {
        bars = pools.enumerated().map { index, pool in
            let share = pool.capacity == 0 ? 0 : min(1, Double(pool.taken) / Double(pool.capacity))
            return Bar(
                label: pool.label, labelY: index * Self.rowHeight + 14, barY: index * Self.rowHeight + 19,
                width: String(Int((share * Double(Self.width)).rounded())), isFull: pool.taken >= pool.capacity
            )
        }
        height = max(1, pools.count * Self.rowHeight)
        viewBox = "0 0 \(Self.width) \(height)"
        hasBars = !pools.isEmpty
        self.title = title
    }
}

extension DebateSeatChart.Bar: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .number("labelY", \.labelY), .number("barY", \.barY), .text("width", \.width),
        .bool("isFull", \.isFull), .number("trackWidth", \.trackWidth),
    ])
}

extension DebateSeatChart: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("bars", \.bars), .number("height", \.height), .text("viewBox", \.viewBox), .bool("hasBars", \.hasBars), .text("title", \.title),
    ])
}
