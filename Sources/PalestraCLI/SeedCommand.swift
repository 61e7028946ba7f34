import ArgumentParser
import Foundation
import Palestra
import Postgres

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load demo data (coaches, groups, schedules, athletes, sessions) into a database without training data.",
        discussion: "The coaches sign in with the password \(DemoSeed.coachPassword). A database that has any training group is left as it is."
    )

    @Flag(help: "Load the benchmark data instead (100 groups, 2,000 athletes, twelve months of sessions, about 200,000 attendance records).")
    var bench = false

    func run() async throws {
        let configuration = try loadConfiguration()
        do {
            let hasher = try await PasswordHasher(parameters: configuration.argon2)
            _ = try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 2, logger: makeLogger()) { database in
                if bench { return try await BenchSeed(database: database, hasher: hasher, timeZone: configuration.timeZone).load { print($0) } }
                try await DebateDemoSeed(database: database).load { print($0) }
                return try await DemoSeed(database: database, hasher: hasher, timeZone: configuration.timeZone).load { print($0) }
            }
        } catch {
            throw stop(error)
        }
    }
}
