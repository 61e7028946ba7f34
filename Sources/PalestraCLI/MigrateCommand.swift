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
        let database = PostgresClient(configuration: configuration.database, maxConnections: 1, logger: logger)
        do {
            let applied = try await Migrator(database: database, directory: configuration.migrationsDirectory, logger: logger).migrate()
            await database.shutdown()
            print(applied.isEmpty ? "The database is up to date." : "Applied \(applied.count) migration(s).")
        } catch {
            await database.shutdown()
            throw stop(error)
        }
    }
}
