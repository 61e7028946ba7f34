import ArgumentParser
import Foundation
import Logging
import Palestra

@main
struct PalestraCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "palestra",
        abstract: "Palestra: the web admin of a sports and education organisation.",
        discussion: """
            Configuration comes from the environment (DATABASE_URL, PALESTRA_PORT, …); \
            see the README for the full table. Flags override the environment.
            """,
        subcommands: [ServeCommand.self, WorkerCommand.self, MigrateCommand.self, CreateUserCommand.self, GenerateSessionsCommand.self, SeedCommand.self, TokenCommand.self, MediaCommand.self, WorkoutsCommand.self, DebatesCommand.self, CommissionsCommand.self]
    )
}

/// Reads the configuration from the environment, with flags' values in place of their variables,
/// or stops with one line naming the bad variable.
func loadConfiguration(overriding overrides: [String: String] = [:]) throws -> AppConfiguration {
    do {
        return try AppConfiguration.fromEnvironment(ProcessInfo.processInfo.environment.merging(overrides) { $1 })
    } catch {
        FileHandle.standardError.write(Data("palestra: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// Logs to standard output at the level `PALESTRA_LOG_LEVEL` names (default info).
func makeLogger() -> Logger {
    let level = ProcessInfo.processInfo.environment["PALESTRA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardOutput(label: label)
        handler.logLevel = level
        return handler
    }
    return Logger(label: "palestra")
}

/// Prints a start-up failure as one line and exits non-zero.
func stop(_ error: any Error) -> ExitCode {
    FileHandle.standardError.write(Data("palestra: \(error)\n".utf8))
    return ExitCode.failure
}
