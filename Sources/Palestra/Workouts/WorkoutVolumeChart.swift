import Mustache
import Postgres

/// The history's weekly volume as an SVG image of its own (`/workouts/history/volume.svg`, written by
/// `Templates/workouts/volume_chart.mustache`; no script, a title per bar for screen readers and hovering):
/// a column per week from the Monday on or before the period's start, the largest week at the top of the
/// scale. Geometry in viewBox units, computed here.
struct WorkoutVolumeChart: Sendable {
    /// One week's column, and its Monday's date under it (every week up to 16, else about every eighth).
    struct Week: Sendable {
        let x: String
        let y: String
        let width: String
        let height: String
        let label: String
        let hasTick: Bool
        let tickX: String
        let tick: String
    }

    static let width = 640, height = 200, left = 48, right = 8, bottom = 24, top = 12

    let title: String
    let weeks: [Week]
    /// The scale's top: the largest week's volume, in kg.
    let scaleTop: String
    let width = WorkoutVolumeChart.width
    let height = WorkoutVolumeChart.height
    let axisLeft = WorkoutVolumeChart.left
    let axisRight = WorkoutVolumeChart.width - WorkoutVolumeChart.right
    let baseline = WorkoutVolumeChart.height - WorkoutVolumeChart.bottom
    let scaleX = WorkoutVolumeChart.left - 4
    let scaleTopY = WorkoutVolumeChart.top + 4
    let tickY = WorkoutVolumeChart.height - 8

    init(_ volumes: [WorkoutHistoryStore.WeekVolume], from: CalendarDate, through: CalendarDate, title: String, format: LocalizedFormat) {
        let firstMonday = from.adding(days: -(from.weekday - 1)) ?? from
        let count = max(1, (through.daysSinceEpoch - firstMonday.daysSinceEpoch) / 7 + 1)
        let byMonday = Dictionary(volumes.map { ($0.monday, $0.volume) }, uniquingKeysWith: +)
        let maximum = max(1, byMonday.values.max() ?? 1)
        let plotWidth = Double(Self.width - Self.left - Self.right)
        let plotHeight = Double(Self.height - Self.bottom - Self.top)
        let columnWidth = plotWidth / Double(count)
        var weeks: [Week] = []
        for index in 0..<min(count, 600) {
            guard let monday = firstMonday.adding(days: index * 7) else { break }
            let volume = byMonday[monday] ?? 0
            let barHeight = plotHeight * volume / maximum
            let x = Double(Self.left) + Double(index) * columnWidth
            weeks.append(Week(
                x: Self.rounded(x + 1), y: Self.rounded(Double(Self.height - Self.bottom) - barHeight),
                width: Self.rounded(max(1, columnWidth - 2)), height: Self.rounded(barHeight),
                label: format.date(monday) + ": " + WorkoutFormat.kilograms(volume) + " kg",
                hasTick: count <= 16 || index % max(1, count / 8) == 0, tickX: Self.rounded(x + columnWidth / 2),
                tick: String(monday.description.dropFirst(5))
            ))
        }
        self.title = title
        self.weeks = weeks
        scaleTop = WorkoutFormat.kilograms(maximum.rounded())
    }

    /// A length cut (not rounded) to a tenth, always with its decimal.
    private static func rounded(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }
}

extension WorkoutVolumeChart: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .list("weeks", \.weeks), .text("scaleTop", \.scaleTop), .number("width", \.width), .number("height", \.height),
        .number("axisLeft", \.axisLeft), .number("axisRight", \.axisRight), .number("baseline", \.baseline), .number("scaleX", \.scaleX),
        .number("scaleTopY", \.scaleTopY), .number("tickY", \.tickY),
    ])
}

extension WorkoutVolumeChart.Week: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("x", \.x), .text("y", \.y), .text("width", \.width), .text("height", \.height), .text("label", \.label),
        .bool("hasTick", \.hasTick), .text("tickX", \.tickX), .text("tick", \.tick),
    ])
}
