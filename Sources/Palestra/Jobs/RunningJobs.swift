/// The jobs this process is running, and whether it is stopping.
actor RunningJobs {
    private var ids: Set<Int> = []
    private(set) var isStopping = false
    private var handedOver = false

    var count: Int { ids.count }
    var all: [Int] { ids.sorted() }

    func add(_ id: Int) { ids.insert(id) }

    /// Whether the job was still ours to finish (not handed back by a shutdown).
    func finish(_ id: Int) -> Bool {
        ids.remove(id) != nil && !handedOver
    }

    func stop() { isStopping = true }

    /// Takes the jobs still running; from now on their ends are not recorded.
    func handOver() -> [Int] {
        handedOver = true
        defer { ids.removeAll() }
        return ids.sorted()
    }
}
