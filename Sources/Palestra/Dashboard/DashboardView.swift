import Foundation
import Postgres
import Mustache

/// The dashboard's view model: today's date in the organisation's time zone and the state of the database.
struct DashboardView: Sendable {
    let today: String
    let timeZone: String
    let schemaSummary: String
    let latestMigration: String
    let latestAppliedAt: String

    init(state: DashboardStore.SchemaState, now: Date, timeZone: TimeZone, localizer: Localizer) {
        let format = localizer.format
        self.today = format.longDate(CalendarDate.today(in: timeZone, now: now))
        self.timeZone = timeZone.identifier
        self.schemaSummary = localizer.plural("{count} migrations applied", count: state.migrationCount)
        self.latestMigration = state.latestMigration ?? "—"
        self.latestAppliedAt = state.latestAppliedAt.map { format.dateTime($0, in: timeZone) } ?? "—"
    }
}

extension DashboardView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("today", \.today), .text("timeZone", \.timeZone), .text("schemaSummary", \.schemaSummary),
        .text("latestMigration", \.latestMigration), .text("latestAppliedAt", \.latestAppliedAt),
    ])
}
