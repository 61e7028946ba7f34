// `palestra-render-benchmark [RENDERS]` or `palestra-render-benchmark builds [BUILDS]`: the attendance change
// list rendered by Palestra's Mustache, or its view model built (see `make bench-render`). A plain synchronous
// program — no concurrency runtime threads — so that valgrind's callgrind can count the instructions of
// `RENDERS` renders or `BUILDS` builds.
import Palestra

let arguments = Array(CommandLine.arguments.dropFirst())
let benchmark = try ChangeListRenderBenchmark(templatesDirectory: "Templates", publicDirectory: "Public")
if arguments.first == "builds" {
    _ = benchmark.measuredBuilds(arguments.dropFirst().first.flatMap(Int.init) ?? 20)
} else if let renders = arguments.first.flatMap(Int.init) {
    _ = benchmark.measuredRenders(renders)
} else {
    print(benchmark.report())
}
