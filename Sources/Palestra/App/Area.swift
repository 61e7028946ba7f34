import Postgres

/// One domain area's registration: everything it brings to the application, declared in one place —
/// its admin resources, routes, menu entries (with who sees them), page templates, job kinds,
/// periodic jobs and settings. The router, the admin site, the menu, the job registry, the start-up
/// template check and the configuration are built from ``Area/all``; adding an area is a folder with
/// its own `…Area.swift` and one line there.
struct Area: Sendable {
    /// For messages and logs: "training", "attendance" …
    let name: String
    var resources: [AdminResource] = []
    /// The page templates its handlers render; start-up fails when one is missing.
    var templates: [PageTemplate] = []
    var navigation: [NavigationEntry] = []
    var settings = AreaSettings()
    /// Adds its routes to the surfaces, with the application's shared parts at hand.
    var routes: @Sendable (Surfaces, AreaServices) -> Void = { _, _ in }
    /// Registers the job kinds its processes run.
    var jobs: @Sendable (inout JobRegistry, AppConfiguration, PostgresClient) -> Void = { _, _, _ in }
    /// The periodic jobs it schedules.
    var periodicJobs: @Sendable (AppConfiguration) -> [PeriodicJob] = { _ in [] }
    /// What the area needs to know of a signed-in user on every page, read with the session (``UserFact``).
    var userFacts: [UserFact] = []
}

/// The environment variables an area reads, with what each means (the README's table lists them all),
/// and how it reads them into the configuration.
struct AreaSettings: Sendable {
    var variables: [(name: String, meaning: String)] = []
    var read: @Sendable (EnvironmentReader, inout AppConfiguration) throws(ConfigurationError) -> Void = { _, _ in }

    /// One whole-number variable within `range`, read into the configuration at `keyPath` (its default stays when unset).
    static func integer(
        _ name: String, _ meaning: String, in range: ClosedRange<Int>, into keyPath: any WritableKeyPath<AppConfiguration, Int> & Sendable
    ) -> AreaSettings {
        AreaSettings(variables: [(name, meaning)]) { reader, configuration throws(ConfigurationError) in
            if let value = try reader.integer(name, in: range) { configuration[keyPath: keyPath] = value }
        }
    }
}

extension Area {
    /// Every area of Palestra, in menu order. Adding an area: one line here.
    static let all: [Area] = [
        .dashboard, .notifications, .accounts, .training, .attendance, .attendanceReports, .workouts, .debates, .commissions, .lessons, .audit, .jobs, .operations, .adminEngine, .api,
    ]
}
