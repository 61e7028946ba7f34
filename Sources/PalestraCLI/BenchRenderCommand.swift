import ArgumentParser
import Foundation
import Palestra

/// `palestra bench-render`: the attendance change list rendered without a database (see `make bench-render`).
struct BenchRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-render",
        abstract: "Time one render of the attendance change list (50 list-editable rows) and of its view model."
    )

    @Option(help: "Only render this many times and print nothing (for valgrind --tool=callgrind).")
    var renders: Int?

    @Option(help: "The templates folder.")
    var templates = "Templates"

    @Option(help: "The public folder.")
    var `public` = "Public"

    func run() throws {
        let benchmark = try ChangeListRenderBenchmark(templatesDirectory: templates, publicDirectory: `public`)
        if let renders {
            _ = benchmark.measuredRenders(renders)
        } else {
            print(benchmark.report())
        }
    }
}
