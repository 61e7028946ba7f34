// `palestra-render-benchmark [RENDERS]`: the attendance change list rendered by Palestra's Mustache
// (see `make bench-render`). A plain synchronous program — no concurrency runtime threads — so that
// valgrind's callgrind can count the instructions of `RENDERS` renders.
import Palestra

let arguments = CommandLine.arguments.dropFirst()
let benchmark = try ChangeListRenderBenchmark(templatesDirectory: "Templates", publicDirectory: "Public")
if let renders = arguments.first.flatMap(Int.init) {
    _ = benchmark.measuredRenders(renders)
} else {
    print(benchmark.report())
}
