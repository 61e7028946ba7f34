/// What an administrator can do to jobs from the dashboard: retry, cancel or discard them. Each is a
/// bulk action of the jobs resource (and a button on a job's page where it applies).
enum JobIntervention: String, CaseIterable, Sendable {
    /// Back to the queue now (any job not running): its errors are kept, it gets at least one more attempt.
    case retry
    /// A waiting job will not run (available, scheduled, retryable). A running job cannot be cancelled safely.
    case cancel
    /// Ends a job that has not finished, running or not; its worker's result is then ignored.
    case discard

    var label: String {
        switch self {
        case .retry: "Retry selected jobs"
        case .cancel: "Cancel selected jobs"
        case .discard: "Discard selected jobs"
        }
    }

    var objectLabel: String {
        switch self {
        case .retry: "Retry this job"
        case .cancel: "Cancel this job"
        case .discard: "Discard this job"
        }
    }

    /// Why a job in `state` is left alone (a catalog key), or `nil` when the intervention applies.
    /// `keyTaken`: the job has a unique key that another waiting or running job (or another selected one) holds.
    func refusal(state: JobState?, keyTaken: Bool) -> String? {
        guard let state else { return CatalogKey.t("It no longer exists.") }
        switch self {
        case .retry:
            if state == .running { return CatalogKey.t("It is running: wait for it to end.") }
            if keyTaken && state.isFinished { return CatalogKey.t("Another job with the same unique key is waiting or running.") }
            return nil
        case .cancel:
            if state == .running { return CatalogKey.t("It is running and cannot be cancelled safely.") }
            return state.isFinished ? CatalogKey.t("It has already finished.") : nil
        case .discard:
            return state.isFinished ? CatalogKey.t("It has already finished.") : nil
        }
    }

    /// The bulk action of the jobs resource.
    var action: AdminAction {
        AdminAction(
            rawValue, label: label,
            operation: .perform(AdminProcedure(
                refusals: { connection, ids in try await JobDashboardStore.refusals(of: self, ids: ids, on: connection) },
                run: { connection, ids, _ in try await JobDashboardStore.apply(self, ids: ids, on: connection) }
            )),
            objectLabel: objectLabel
        )
    }
}
