import ArgumentParser
import Hummingbird
import Palestra

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application (applies pending migrations first).",
        discussion: "Stops gracefully on SIGTERM or SIGINT: requests in flight finish first."
    )

    @Option(help: "Address to listen on (overrides PALESTRA_HOST).")
    var host: String?

    @Option(help: "Port to listen on (overrides PALESTRA_PORT).")
    var port: Int?

    @Flag(help: "Do not apply pending migrations at start.")
    var noMigrate = false

    @Option(help: "Jobs this process runs at once; 0 runs no workers (overrides PALESTRA_WORKERS, default 4).")
    var workers: Int?

    func validate() throws {
        if let port, !(1...65535).contains(port) {
            throw ValidationError("--port must be a number from 1 to 65535")
        }
        if let workers, !(0...1000).contains(workers) {
            throw ValidationError("--workers must be a number from 0 to 1000")
        }
        if let host, host.isEmpty {
            throw ValidationError("--host must not be empty")
        }
    }

    func run() async throws {
        MallocSettings.apply()
        var overrides: [String: String] = [:]
        overrides["PALESTRA_HOST"] = host
        overrides["PALESTRA_PORT"] = port.map(String.init)
        overrides["PALESTRA_WORKERS"] = workers.map(String.init)
        let configuration = try loadConfiguration(overriding: overrides)
        let logger = makeLogger()
        for warning in configuration.warnings { logger.warning("\(warning)") }
        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(configuration: configuration, logger: logger, migrate: !noMigrate)
        } catch {
            throw stop(error)
        }
        logger.info("serving at http://\(configuration.host):\(configuration.port)")
        do {
            try await app.runService()
        } catch {
            throw stop(error)
        }
    }
}
