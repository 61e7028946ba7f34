import ArgumentParser
import Foundation
import Palestra
import Postgres

/// `palestra media prune`: uploaded files no row refers to any more.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Uploaded files in PALESTRA_MEDIA.",
        subcommands: [Prune.self]
    )

    struct Prune: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the uploaded files no row refers to any more; with --delete, remove them.",
            discussion: "Without --delete nothing is removed (a dry run). Files younger than --older-than-minutes are left alone, so an upload being saved right now is never taken."
        )

        @Flag(help: "Remove the files (default: only list them).") var delete = false
        @Option(help: "Only files last changed more than this many minutes ago (default 60).") var olderThanMinutes = 60

        func validate() throws {
            guard (0...525_600).contains(olderThanMinutes) else { throw ValidationError("--older-than-minutes must be from 0 to 525600") }
        }

        func run() async throws {
            let configuration = try loadConfiguration()
            do {
                let files = try await PostgresClient.withClient(configuration: configuration.database, maxConnections: 1, logger: makeLogger()) { database in
                    try await MediaPrune(database: database, mediaDirectory: configuration.mediaDirectory)
                        .run(delete: delete, minimumAge: .seconds(olderThanMinutes * 60))
                }
                for file in files { print(file) }
                let verb = delete ? "removed" : "would be removed (run again with --delete)"
                print("\(files.count) file(s) no row refers to \(files.isEmpty ? "" : verb)".trimmingCharacters(in: .whitespaces))
            } catch {
                throw stop(error)
            }
        }
    }
}
