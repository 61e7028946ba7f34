import Foundation
import Postgres
import Mustache

/// The dashboard's view model. Everyone sees today's date and their unread notifications; an
/// administrator sees the day's sessions with their journals' state, the journals nobody marked, the
/// athletes under the attendance warning threshold, and — out of the way, folded — the database and
/// the job queue; a manager a way to the attendance reports. (Coaches land on their sessions instead:
/// ``DashboardController``.)
struct DashboardView: Sendable {
    /// What only administrators see.
    struct Desk: Sendable {
        let todaySessions: [CoachSessionsView.Entry]
        let hasTodaySessions: Bool
        let unmarkedSessions: [CoachSessionsView.Entry]
        let hasUnmarkedSessions: Bool
        /// "and 4 more": the unmarked journals beyond those listed.
        let unmarkedMore: String
        let hasUnmarkedMore: Bool
        let lowAttendance: [LowAttendanceEntry]
        let hasLowAttendance: Bool
        /// "Marked sessions of the last 30 days; the threshold is 75 %."
        let lowAttendanceHelp: String
        let schemaSummary: String
        let latestMigration: String
        let latestAppliedAt: String
        let timeZone: String
        let jobsURL = JobsURL.overview.path
        let mySessionsURL = AttendanceURL.mySessions.path
    }

    struct LowAttendanceEntry: Sendable {
        let name: String
        let groupName: String
        /// "40 % (2 of 5)".
        let figure: String
        let reportURL: String
    }

    let today: String
    let unread: String
    let inboxURL = NotificationsURL.inbox.path
    let desk: Desk?
    let isDesk: Bool
    /// Managers come for the reports: a way there from where they land.
    let showsReports: Bool
    let reportsURL = AttendanceReportURL.groups.path

    init(today day: CalendarDate, unreadNotifications: Int, desk: Desk?, showsReports: Bool = false, localizer: Localizer) {
        today = localizer.format.longDate(day)
        unread = unreadNotifications == 0
            ? localizer.t("No unread notifications.")
            : localizer.plural("{count} unread", count: unreadNotifications)
        self.desk = desk
        isDesk = desk != nil
        self.showsReports = showsReports
    }
}

extension DashboardView.Desk {
    /// The lists as read for the day `today`, over the window `days` long before it.
    init(
        today: [CoachSessionSummary], unmarked: (sessions: [CoachSessionSummary], total: Int), low: [DashboardStore.LowAttendance],
        day: CalendarDate, days: Int, threshold: Int, schema: DashboardStore.SchemaState, now: Date, timeZone: TimeZone, localizer: Localizer
    ) {
        let format = localizer.format
        todaySessions = today.map { CoachSessionsView.entry($0, localizer: localizer) }
        hasTodaySessions = !today.isEmpty
        unmarkedSessions = unmarked.sessions.map { CoachSessionsView.entry($0, localizer: localizer) }
        hasUnmarkedSessions = !unmarked.sessions.isEmpty
        let more = unmarked.total - unmarked.sessions.count
        unmarkedMore = more > 0 ? localizer.plural("and {count} more", count: more) : ""
        hasUnmarkedMore = more > 0
        let month = ReportMonth(day).value
        lowAttendance = low.map { entry in
            let percent = format.number(entry.attended * 100 / max(entry.marked, 1))
            return DashboardView.LowAttendanceEntry(
                name: entry.athleteName, groupName: entry.groupName,
                figure: localizer.t("{percent} % ({attended} of {marked})", [
                    "percent": percent, "attended": format.number(entry.attended), "marked": format.number(entry.marked),
                ]),
                reportURL: AttendanceReportURL.athlete(entry.athleteID, month: month)
            )
        }
        hasLowAttendance = !low.isEmpty
        let figures: KeyValuePairs<String, String> = ["threshold": format.number(threshold), "days": format.number(days)]
        lowAttendanceHelp = localizer.t("Present or late at fewer than {threshold} % of the marked sessions of the last {days} days.", figures)
        schemaSummary = localizer.plural("{count} migrations applied", count: schema.migrationCount)
        latestMigration = schema.latestMigration ?? "—"
        latestAppliedAt = schema.latestAppliedAt.map { format.dateTime($0, in: timeZone) } ?? "—"
        self.timeZone = timeZone.identifier
    }
}

extension DashboardView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("today", \.today), .text("unread", \.unread), .text("inboxURL", \.inboxURL),
        .object("desk", \.desk), .bool("isDesk", \.isDesk), .bool("showsReports", \.showsReports), .text("reportsURL", \.reportsURL),
    ])
}

extension DashboardView.Desk: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("todaySessions", \.todaySessions), .bool("hasTodaySessions", \.hasTodaySessions),
        .list("unmarkedSessions", \.unmarkedSessions), .bool("hasUnmarkedSessions", \.hasUnmarkedSessions),
        .text("unmarkedMore", \.unmarkedMore), .bool("hasUnmarkedMore", \.hasUnmarkedMore),
        .list("lowAttendance", \.lowAttendance), .bool("hasLowAttendance", \.hasLowAttendance),
        .text("lowAttendanceHelp", \.lowAttendanceHelp), .text("schemaSummary", \.schemaSummary),
        .text("latestMigration", \.latestMigration), .text("latestAppliedAt", \.latestAppliedAt),
        .text("timeZone", \.timeZone), .text("jobsURL", \.jobsURL), .text("mySessionsURL", \.mySessionsURL),
    ])
}

extension DashboardView.LowAttendanceEntry: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("groupName", \.groupName), .text("figure", \.figure), .text("reportURL", \.reportURL),
    ])
}
