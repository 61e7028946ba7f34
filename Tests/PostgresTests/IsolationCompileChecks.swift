import Postgres

// Compile-time checks, no tests: withConnection and transaction accept closures from actor-isolated
// callers (they are `nonisolated(nonsending)`, so the closure runs in the caller's isolation).

@MainActor
final class MainActorModel {
    var names: [String] = []

    func load(_ client: PostgresClient) async throws {
        let rows = try await client.withConnection { connection in
            try await connection.query("SELECT 'x' AS name")
        }
        names = try rows.map { try $0.decode("name", as: String.self) }
        let count = try await client.transaction { connection in
            try await connection.execute("SELECT 1")
        }
        names.append(String(count))
    }
}

actor Worker {
    var processed = 0
    func step(_ client: PostgresClient) async throws {
        processed += try await client.transaction(isolation: .serializable) { connection in
            try await connection.execute("SELECT 1")
        }
    }
}
