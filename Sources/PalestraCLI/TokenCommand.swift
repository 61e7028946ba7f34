import ArgumentParser
import Foundation
import Palestra
import Postgres

/// `palestra token create|revoke`: API tokens from the command line, until the account page makes them.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create or revoke a user's API token (for the JSON API's Authorization: Bearer header).",
        subcommands: [Create.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API token for a user and print it. It is shown this once: only its hash is stored."
        )

        @Option(help: "The user's email address.") var email: String
        @Option(help: "What the token is for, 1 to \(APIToken.nameLimit) characters.") var name: String

        func validate() throws {
            if APIToken.validName(name) == nil {
                throw ValidationError("--name must have 1 to \(APIToken.nameLimit) characters")
            }
        }

        func run() async throws {
            let configuration = try loadConfiguration()
            let issued = try await withTokens(configuration) { tokens in
                try await tokens.create(email: email, name: APIToken.validName(name) ?? name)
            }
            guard let issued else {
                FileHandle.standardError.write(Data("palestra: no user has the email \(email)\n".utf8))
                throw ExitCode.failure
            }
            FileHandle.standardError.write(Data("Created API token \(issued.token.id) (\(issued.token.name)). Keep it now: it is not shown again.\n".utf8))
            print(issued.secret)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API token: requests with it answer 401 from now on.")

        @Option(help: "The token's id (printed when it was created).") var id: Int

        func run() async throws {
            let configuration = try loadConfiguration()
            guard try await withTokens(configuration, { try await $0.revoke(id: id) }) else {
                FileHandle.standardError.write(Data("palestra: no live API token has the id \(id)\n".utf8))
                throw ExitCode.failure
            }
            print("Revoked API token \(id)")
        }
    }
}

/// Runs `body` with the token store on a one-connection client; a database failure stops with one line.
private func withTokens<T: Sendable>(_ configuration: AppConfiguration, _ body: (APITokenStore) async throws -> T) async throws -> T {
    do {
        return try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 1, logger: makeLogger()) { database in
            try await body(APITokenStore(database: database))
        }
    } catch {
        throw stop(error)
    }
}
