import Foundation
import Postgres

/// Enqueues jobs inside the caller's transaction (a transactional outbox): the job commits with the
/// change that causes it, or not at all. Workers are woken by a `NOTIFY` sent at commit.
public enum JobQueue {
    /// The `LISTEN`/`NOTIFY` channel workers wait on.
    static let channel = "palestra_jobs"

    /// Inserts one job; returns its id, or `nil` when `options.uniqueKey` names a job still waiting or running.
    @discardableResult
    public static func enqueue<Kind: JobKind>(
        _ kind: Kind.Type, _ arguments: Kind.Arguments, options: JobOptions = JobOptions(), on connection: any PostgresQueryable
    ) async throws -> Int? {
        let json = String(decoding: try JSONEncoder().encode(arguments), as: UTF8.self)
        return try await JobStore.insert(
            kind: Kind.name, queue: Kind.queue, arguments: [json], maxAttempts: Kind.maxAttempts, options: options, on: connection
        ).first
    }

    /// Inserts many jobs of one kind in one statement; returns their ids.
    @discardableResult
    public static func enqueue<Kind: JobKind>(
        _ kind: Kind.Type, batch: [Kind.Arguments], options: JobOptions = JobOptions(), on connection: any PostgresQueryable
    ) async throws -> [Int] {
        let encoder = JSONEncoder()
        let jsons = try batch.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        return try await JobStore.insert(
            kind: Kind.name, queue: Kind.queue, arguments: jsons, maxAttempts: Kind.maxAttempts, options: options, on: connection
        )
    }

    /// The statement that enqueues a job of `kind` for each row of `rows` (an SQL row source with a text column
    /// `arguments`, the arguments' JSON), after the common table expressions `with` that make them — for a
    /// change and its jobs in one statement. See ``JobStore/insertStatement(kind:queue:maxAttempts:options:with:parameters:rows:returning:)``.
    static func enqueueStatement<Kind: JobKind>(
        _ kind: Kind.Type, options: JobOptions = JobOptions(),
        with prelude: String, parameters: [(any PostgresEncodable)?], rows: String, returning: String
    ) -> PostgresStatement {
        JobStore.insertStatement(
            kind: Kind.name, queue: Kind.queue, maxAttempts: Kind.maxAttempts, options: options,
            with: prelude, parameters: parameters, rows: rows, returning: returning
        )
    }
}
