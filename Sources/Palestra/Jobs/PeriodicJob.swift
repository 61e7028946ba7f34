import Postgres

/// A job enqueued on a schedule: once per fire time, by whichever process gets there first.
public struct PeriodicJob: Sendable {
    /// Unique among periodic jobs; the key of `periodic_runs`.
    public let name: String
    public let schedule: JobSchedule
    /// Enqueues the job for one fire time, inside the transaction that records the fire.
    public let enqueue: @Sendable (PostgresConnection) async throws -> Int?

    public init(name: String, schedule: JobSchedule, enqueue: @escaping @Sendable (PostgresConnection) async throws -> Int?) {
        self.name = name
        self.schedule = schedule
        self.enqueue = enqueue
    }
}
