import Foundation
@testable import Palestra
import Postgres
import Testing

/// The recurrence engine against an independent implementation: 3,000 random rules expanded by python-dateutil's
/// `rrule` (naive local dates), committed as Tests/Fixtures/workouts-dateutil-rrule.txt by
/// scripts/workouts-dateutil-fixture.py, so a machine without Python runs the comparison too.
@Suite("Workouts: recurrence agrees with python-dateutil on thousands of random rules")
struct RecurrenceDateutilTests {
    static let fixture = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/workouts-dateutil-rrule.txt")

    @Test("every case of the fixture gives dateutil's dates")
    func fixtureCases() throws {
        let text = try String(contentsOf: Self.fixture, encoding: .utf8)
        var compared = 0
        var disagreements: [String] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(fields.count == 6, "\(line)")
            let excluded = fields[4] == "-" ? [] : fields[4].split(separator: ",").map(String.init)
            let expected = fields[5] == "-" ? "" : fields[5]
            let got = try WorkoutExpansion(rule: fields[0], start: fields[1], from: fields[2], to: fields[3], excluded: excluded)
                .dates.map(\.description).joined(separator: ",")
            if got != expected { disagreements.append("\(line)\n  got \(got)") }
            compared += 1
        }
        #expect(compared == 3000)
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.prefix(3).joined(separator: "\n"))")
    }
}
