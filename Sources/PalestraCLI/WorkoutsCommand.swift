import ArgumentParser
import Foundation
import Palestra

struct WorkoutsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workouts",
        abstract: "Workout calendar tools.",
        subcommands: [Expand.self]
    )

    struct Expand: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a recurrence rule's occurrences between two dates as a JSON array of YYYY-MM-DD strings.",
            discussion: """
                The rule is an RRULE value as RFC 5545 writes it, e.g. 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20270310' \
                (FREQ DAILY, WEEKLY or MONTHLY; INTERVAL; BYDAY; BYMONTHDAY incl. -1; UNTIL; COUNT; WKST=MO); an empty \
                rule is a one-off on --start. Needs no database.
                """
        )

        @Option(help: "The RRULE value.") var rule: String
        @Option(help: "The first occurrence's date (DTSTART), YYYY-MM-DD.") var start: String
        @Option(help: "The first date to print, inclusive.") var from: String
        @Option(help: "The last date to print, inclusive.") var to: String
        @Option(help: "An excluded date (EXDATE), YYYY-MM-DD; repeat for several.") var exdate: [String] = []

        func run() throws {
            do {
                let expansion = try WorkoutExpansion(rule: rule, start: start, from: from, to: to, excluded: exdate)
                print(expansion.json)
            } catch {
                FileHandle.standardError.write(Data("palestra: \(error.message)\n".utf8))
                throw ExitCode.validationFailure
            }
        }
    }
}
