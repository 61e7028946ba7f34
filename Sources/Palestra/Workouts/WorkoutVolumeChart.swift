import Postgres

/// The history's weekly volume as an SVG bar chart (no script; a title per bar for screen readers and hovering).
enum WorkoutVolumeChart {
    static func svg(_ weeks: [WorkoutHistoryStore.WeekVolume], from: CalendarDate, through: CalendarDate, title: String, format: LocalizedFormat) -> String {
        let width = 640, height = 200, left = 48, bottom = 24, top = 12
        let firstMonday = from.adding(days: -(from.weekday - 1)) ?? from
        let count = max(1, (through.daysSinceEpoch - firstMonday.daysSinceEpoch) / 7 + 1)
        let byMonday = Dictionary(weeks.map { ($0.monday, $0.volume) }, uniquingKeysWith: +)
        let maximum = max(1, byMonday.values.max() ?? 1)
        let plotWidth = Double(width - left - 8)
        let plotHeight = Double(height - bottom - top)
        let barWidth = plotWidth / Double(count)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(width) \(height)" width="\(width)" height="\(height)" role="img" aria-label="\(escape(title))">
            <title>\(escape(title))</title>
            <style>text{font:11px sans-serif;fill:#444}.bar{fill:#2f6fb0}.axis{stroke:#999}</style>
            <line class="axis" x1="\(left)" y1="\(height - bottom)" x2="\(width - 8)" y2="\(height - bottom)"/>
            <text x="\(left - 4)" y="\(top + 4)" text-anchor="end">\(WorkoutFormat.kilograms(maximum.rounded()))</text>
            <text x="\(left - 4)" y="\(height - bottom)" text-anchor="end">0</text>

            """
        for index in 0..<min(count, 600) {
            guard let monday = firstMonday.adding(days: index * 7) else { break }
            let volume = byMonday[monday] ?? 0
            let barHeight = plotHeight * volume / maximum
            let x = Double(left) + Double(index) * barWidth
            let label = format.date(monday) + ": " + WorkoutFormat.kilograms(volume) + " kg"
            svg += "<rect class=\"bar\" x=\"\(rounded(x + 1))\" y=\"\(rounded(Double(height - bottom) - barHeight))\" width=\"\(rounded(max(1, barWidth - 2)))\" height=\"\(rounded(barHeight))\"><title>\(escape(label))</title></rect>\n"
            if count <= 16 || index % max(1, count / 8) == 0 {
                svg += "<text x=\"\(rounded(x + barWidth / 2))\" y=\"\(height - 8)\" text-anchor=\"middle\">\(monday.description.dropFirst(5))</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    private static func rounded(_ value: Double) -> String { String(Double(Int(value * 10)) / 10) }

    private static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
