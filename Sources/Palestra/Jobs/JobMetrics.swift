/// The job queue's metrics, read from the database at each scrape (so every process reports the whole
/// queue, and no state lives in memory).
struct JobMetrics: Sendable {
    let store: JobDashboardStore

    /// Upper bounds of the duration histogram, in seconds.
    static let durationBounds: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60]

    func exposition() async throws -> String {
        let counts = try await store.stateCounts()
        let durations = try await store.recentDurations(bounds: Self.durationBounds)
        let failures = try await store.recentFailureCount()
        let alive = try await store.aliveWorkerCount()
        let window = String(JobDashboardStore.recentWindowSeconds / 60)
        var output = PrometheusText()

        output.family("palestra_jobs", .gauge, help: "Jobs in the queue's table by state (finished ones until they are pruned).")
        var byState: [String: Int] = [:]
        for row in counts { byState[row.state, default: 0] += row.count }
        for state in JobState.allCases {
            output.sample("palestra_jobs", labels: ["state": state.rawValue], byState[state.rawValue] ?? 0)
        }

        output.family("palestra_jobs_by_kind", .gauge, help: "Unfinished jobs by kind and state.")
        for row in counts where !(JobState(rawValue: row.state)?.isFinished ?? true) {
            output.sample("palestra_jobs_by_kind", labels: ["kind": row.kind, "state": row.state], row.count)
        }

        output.family(
            "palestra_job_duration_seconds", .histogram,
            help: "Run time of the jobs completed in the last \(window) minutes (finalized_at - attempted_at of their last attempt). A sliding window, not a cumulative count: read the buckets as they are, without rate()."
        )
        for (bound, count) in zip(Self.durationBounds, durations.cumulativeCounts) {
            output.sample("palestra_job_duration_seconds_bucket", labels: ["le": PrometheusText.number(bound)], count)
        }
        output.sample("palestra_job_duration_seconds_bucket", labels: ["le": "+Inf"], durations.count)
        output.sample("palestra_job_duration_seconds_sum", durations.sum)
        output.sample("palestra_job_duration_seconds_count", durations.count)

        output.family(
            "palestra_job_failures_total", .gauge,
            help: "Failed attempts recorded in the last \(window) minutes (entries of jobs.errors whose time falls in the window). A sliding-window count, not a monotonic counter."
        )
        output.sample("palestra_job_failures_total", failures)

        output.family(
            "palestra_job_workers_alive", .gauge,
            help: "Worker processes whose last heartbeat is at most \(JobDashboardStore.aliveWindowSeconds) seconds old."
        )
        output.sample("palestra_job_workers_alive", alive)
        return output.text
    }
}
