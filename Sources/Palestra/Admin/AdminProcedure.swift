import Postgres

/// A bulk operation a resource writes itself (SQL in its own store), for what "set one field" cannot
/// say: e.g. put a job back in the queue, clearing its end time and raising its attempts.
///
/// The engine runs it in one transaction: it locks the selected rows (`FOR UPDATE`, in key order), asks
/// `refusals` which to leave alone, runs `run` on the others and writes one audit record per row `run`
/// reports changed, with the field changes it reports. `refusals` also runs outside a transaction, for
/// the confirmation page and to decide which buttons an object's page offers.
public struct AdminProcedure: Sendable {
    /// The rows left alone, each with the reason (a catalog key).
    public let refusals: @Sendable (_ connection: any PostgresQueryable, _ ids: [Int]) async throws -> [Int: String]
    /// Changes the rows; returns what changed, per row that did.
    public let run: @Sendable (_ connection: PostgresConnection, _ ids: [Int], _ actor: User) async throws -> [AdminRowChange]

    public init(
        refusals: @escaping @Sendable (any PostgresQueryable, [Int]) async throws -> [Int: String] = { _, _ in [:] },
        run: @escaping @Sendable (PostgresConnection, [Int], User) async throws -> [AdminRowChange]
    ) {
        self.refusals = refusals
        self.run = run
    }
}
