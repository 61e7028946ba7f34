import Foundation
import Postgres

/// `palestra seed --bench`: the data `make bench` measures on — 100 groups, 2,000 athletes, twelve months
/// of sessions (eleven past months held, with about 200,000 attendance records, and the current month),
/// ten coaches. Set-based SQL, no audit records; into a database without training data only.
public struct BenchSeed: Sendable {
    public static let coachPassword = "larch-whistle-3318"

    let database: PostgresClient
    let hasher: PasswordHasher
    let timeZone: TimeZone

    public init(database: PostgresClient, hasher: PasswordHasher, timeZone: TimeZone) {
        self.database = database
        self.hasher = hasher
        self.timeZone = timeZone
    }

    public func load(groups: Int = 100, athletes: Int = 2000, now: Date = Date(), output: @Sendable (String) -> Void) async throws -> Bool {
        guard try await !DemoSeedStore.hasTrainingData(on: database) else {
            output("Training data exists already: no benchmark data loaded.")
            return false
        }
        let hash = try await hasher.hash(Self.coachPassword)
        let today = CalendarDate.today(in: timeZone, now: now)
        var start = today.firstOfMonth
        for _ in 0..<11 { start = (start.adding(days: -1) ?? start).firstOfMonth }
        let (sessions, records) = try await database.transaction { connection in
            let coaches = try await BenchSeedStore.insertCoaches(count: 10, passwordHash: hash, on: connection)
            try await BenchSeedStore.insertGroups(groups, coaches: coaches, generatedThrough: today.firstOfMonth, on: connection)
            try await BenchSeedStore.insertAthletes(athletes, since: start, on: connection)
            let sessions = try await BenchSeedStore.insertSessions(from: start, through: today.lastOfMonth, today: today, on: connection)
            let records = try await BenchSeedStore.insertAttendance(markedBy: coaches, on: connection)
            return (sessions, records)
        }
        try await BenchSeedStore.vacuum(on: database)
        output("Benchmark data: \(groups) groups, \(athletes) athletes, \(sessions) sessions from \(start) to \(today.lastOfMonth), \(records) attendance records.")
        output("Coaches bench.coach1…10@palestra.example, password \(Self.coachPassword).")
        return true
    }
}
