/// The background queue's pages beside its change list (`AdminURL.changeList("jobs")`).
public enum JobsURL: SiteRoute {
    /// The job queue at a glance: counts, periodic jobs, workers (admins).
    case overview

    public var path: String {
        switch self {
        case .overview: "/admin/jobs-overview"
        }
    }
}
