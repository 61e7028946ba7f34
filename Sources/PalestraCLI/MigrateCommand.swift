import ArgumentParser
import Palestra
import Postgres

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending migrations from the migrations folder, in order, and exit."
    )

    func run() async throws {
        let configuration = try loadConfiguration()
        let logger = makeLogger()
        do {
            let applied = try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 1, logger: logger) {
                try await Migrator(database: $0, directory: configuration.migrationsDirectory, logger: logger).migrate()
            }
            print(applied.isEmpty ? "The database is up to date." : "Applied \(applied.count) migration(s).")
        } catch {
            throw stop(error)
        }
    }
}
