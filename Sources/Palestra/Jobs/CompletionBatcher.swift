import Logging
import Postgres

/// Marks finished jobs completed in batches: under load one `UPDATE` completes many jobs, idle it
/// completes each at once.
actor CompletionBatcher {
    let database: PostgresClient
    let worker: String
    let logger: Logger
    private var pending: [Int] = []
    private var stopping = false
    private let wake = WakeSignal()

    init(database: PostgresClient, worker: String, logger: Logger) {
        self.database = database
        self.worker = worker
        self.logger = logger
    }

    func add(_ id: Int) async {
        pending.append(id)
        await wake.fire()
    }

    /// Flushes until stopped, then once more: the only caller of ``flush()``, so batches never overlap.
    /// It is not cancelled at shutdown (a cancelled flush would lose completions); ``stop()`` ends it.
    func run() async {
        while true {
            await wake.wait(upTo: .milliseconds(200))
            await flush()
            if stopping && pending.isEmpty { return }
        }
    }

    func stop() async {
        stopping = true
        await wake.fire()
    }

    /// Completes what is pending now. A failure keeps the batch for the next flush (a second later at
    /// the soonest); on stopping it gives up after one more try, and the jobs' leases — no longer
    /// renewed — lapse, so they run again.
    private func flush() async {
        guard !pending.isEmpty else { return }
        let batch = pending
        pending.removeAll()
        do {
            try await JobStore.complete(batch, worker: worker, on: database)
        } catch {
            logger.error("completing jobs failed; trying again", metadata: ["jobs": "\(batch.count)", "error": "\(error)"])
            if !stopping {
                pending.insert(contentsOf: batch, at: 0)
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }
}
