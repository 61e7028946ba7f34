import Foundation

/// Every job kind a process can run, by name; built once at start-up.
public struct JobRegistry: Sendable {
    struct Entry: Sendable {
        let maxAttempts: Int
        let retryDelay: @Sendable (_ attempt: Int) -> Double
        let run: @Sendable (_ arguments: String, _ context: JobContext) async throws -> Void
    }

    private(set) var entries: [String: Entry] = [:]

    public init() {}

    /// Registers a kind (an instance, so it can hold what it needs: a transport, a store…).
    public mutating func register<Kind: JobKind>(_ kind: Kind) {
        precondition(entries[Kind.name] == nil, "job kind \(Kind.name) is registered twice")
        entries[Kind.name] = Entry(maxAttempts: Kind.maxAttempts, retryDelay: { Kind.retryDelay(afterAttempt: $0) }) { json, context in
            let arguments = try JSONDecoder().decode(Kind.Arguments.self, from: Data(json.utf8))
            try await kind.run(arguments, context: context)
        }
    }

    func entry(_ name: String) -> Entry? { entries[name] }

    var names: [String] { entries.keys.sorted() }
}
