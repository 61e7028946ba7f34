import ArgumentParser
import Foundation
import Palestra
import Postgres

/// `palestra debates stats|check|export|reset|registrations`: the debate organisers' tools.
struct DebatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debates",
        abstract: "Debate registration: statistics, the seat counter check, export, reset and search.",
        subcommands: [Stats.self, Check.self, Export.self, Reset.self, Registrations.self]
    )

    struct Stats: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Registered, capacity, free and waiting per case and per seat pool.")

        func run() async throws {
            print(try await withTools { try await $0.statistics() })
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare every seat pool's counter with its registrations and held offers; exits 1 when one differs.",
            discussion: "With --repair, sets each differing counter to its rows (audited)."
        )

        @Flag(help: "Set each differing counter to what its rows say.") var repair = false

        func run() async throws {
            let (report, isClean) = try await withTools { try await $0.check(repair: repair) }
            print(report)
            if !isClean && !repair { throw ExitCode.failure }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the event's participants as CSV (UTF-8 with a byte-order mark).")

        @Option(help: "The event's address (its slug).") var event: String

        func run() async throws {
            FileHandle.standardOutput.write(Data(try await withTools { try await $0.export(slug: event) }.utf8))
        }
    }

    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel every active registration of an event (audited), after you type the event's title."
        )

        @Option(help: "The event's address (its slug).") var event: String

        func run() async throws {
            let event = event
            let (title, cancelled) = try await withTools { tools in
                let title = try await tools.title(slug: event)
                FileHandle.standardError.write(Data("Every registration of \(title) will be cancelled. Type the event's title to confirm: ".utf8))
                let typed = readLine() ?? ""
                return (title, try await tools.reset(slug: event, confirmation: typed))
            }
            print("Cancelled \(cancelled) registrations of \(title)")
        }
    }

    struct Registrations: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List registrations, newest first (id, name, email, case, time, state).")

        @Option(help: "Only those whose name or email contains this text.") var search: String?

        func run() async throws {
            print(try await withTools { try await $0.registrations(search: search) })
        }
    }
}

/// Runs `body` with the debate tools on a small client; a failure stops with one line.
private func withTools<T: Sendable>(_ body: (DebateTools) async throws -> T) async throws -> T {
    let configuration = try loadConfiguration()
    do {
        return try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 2, logger: makeLogger()) { database in
            try await body(DebateTools(database: database, timeZone: configuration.timeZone))
        }
    } catch {
        throw stop(error)
    }
}
