import Mustache
@testable import Palestra
import Testing

/// The shared horizontal bar chart: rows, lengths along the track, warnings and the threshold line, as
/// `Templates/partials/bar_chart.mustache` writes them.
@Suite("Bar chart")
struct BarChartTests {
    /// The partial over a chart, through the repository's templates.
    static func render(_ chart: BarChart) throws -> String {
        let source = try TemplateSource(directory: Repository.templates)
        let library = try MustacheLibrary(MustacheTemplates(["chart": "{{>partials/bar_chart}}"].merging(source.templates) { first, _ in first }))
        return try #require(library.renderText(chart, template: "chart"))
    }

    @Test("a row every 34 units, a length to a tenth of the track, clamped; nothing out of a whole of zero")
    func geometry() {
        let chart = BarChart(title: "Seats", rows: [
            ("A", 2, 3, false), ("B", 5, 4, true), ("C", -1, 10, false), ("D", 1, 0, true), ("E", 1, 2, false),
        ])
        #expect(chart.bars.map(\.labelY) == [13, 47, 81, 115, 149])
        #expect(chart.bars.map(\.barY) == [17, 51, 85, 119, 153])
        #expect(chart.bars.map(\.width) == ["213.3", "320", "0", "0", "160"])
        #expect(chart.height == 170 && chart.viewBox == "0 0 320 170" && chart.hasBars)
        #expect(BarChart(title: "None", rows: []).height == 34)
    }

    @Test("a warning bar takes the warning class; the dashed line and its caption only with a threshold")
    func markup() throws {
        let plain = try Self.render(BarChart(title: "Pools <1>", rows: [("Full & done", 3, 3, true), ("Half", 1, 2, false)]))
        #expect(plain.contains(#"<rect x="0" y="17" width="320" height="11" class="chart__bar chart__bar--low"/>"#))
        #expect(plain.contains(#"<rect x="0" y="51" width="160" height="11" class="chart__bar"/>"#))
        #expect(plain.contains(#"<text x="0" y="13" class="chart__label">Full &amp; done</text>"#))
        #expect(!plain.contains("chart__threshold") && plain.contains(#"<figcaption class="muted">Pools &lt;1&gt;</figcaption>"#))
        let marked = try Self.render(BarChart(title: "Attendance", rows: [("A", 50, 100, true)], threshold: (75, 100, "75 %")))
        #expect(marked.contains(#"<line x1="240" x2="240" y1="0" y2="34" class="chart__threshold"/>"#))
        #expect(marked.contains(#"<figcaption class="muted">Attendance; dashed line: 75 %</figcaption>"#))
        #expect(try Self.render(BarChart(title: "Empty", rows: [])).isEmpty)
    }
}
