import Foundation
import Mustache

/// The organisers' statistics: per event, each case's registered / capacity / free / waiting (capacity
/// and free are its pool's), each pool's counts, and a chart of the pools.
struct DebateStatisticsView: Sendable {
    struct CaseRow: Sendable {
        let name: String
        let pool: String
        let registered: String
        let capacity: String
        let free: String
        let waiting: String
    }

    struct PoolRow: Sendable {
        let name: String
        let cases: String
        let taken: String
        let capacity: String
        let free: String
        let waiting: String
    }

    struct EventStatistics: Sendable {
        let title: String
        let window: String
        let publicURL: String
        let exportURL: String
        let registrationsURL: String
        let cases: [CaseRow]
        let pools: [PoolRow]
        let chart: BarChart
    }

    let events: [EventStatistics]
    let hasEvents: Bool
    let checkURL: String
    let eventsURL: String

    init(events: [(DebateEvent, [DebateCaseSeats])], localizer: Localizer, timeZone: TimeZone) {
        self.events = events.map { event, cases in
            var pools: [Int: (name: String, cases: [String], taken: Int, capacity: Int, waiting: Int)] = [:]
            var poolOrder: [Int] = []
            for seats in cases {
                if pools[seats.poolID] == nil {
                    poolOrder.append(seats.poolID)
                    pools[seats.poolID] = (seats.poolName, [], seats.taken, seats.capacity, 0)
                }
                pools[seats.poolID]?.cases.append(seats.name)
                pools[seats.poolID]?.waiting += seats.waiting
            }
            let poolRows = poolOrder.compactMap { pools[$0] }
            let window = localizer.t("{opens} – {closes}", [
                "opens": localizer.format.dateTime(event.opensAt, in: timeZone), "closes": localizer.format.dateTime(event.closesAt, in: timeZone),
            ])
            return EventStatistics(
                title: event.title, window: window, publicURL: DebateURL.event(event.slug), exportURL: DebateAdminURL.export(event.id),
                registrationsURL: AdminURL.changeList(DebateRegistrationsAdmin.resource.slug) + "?event=\(event.id)&state=active",
                cases: cases.map {
                    CaseRow(name: $0.name, pool: $0.poolName, registered: String($0.registered), capacity: String($0.capacity),
                            free: String($0.free), waiting: String($0.waiting))
                },
                pools: poolRows.map {
                    PoolRow(name: $0.name, cases: $0.cases.joined(separator: ", "), taken: String($0.taken), capacity: String($0.capacity),
                            free: String(max(0, $0.capacity - $0.taken)), waiting: String($0.waiting))
                },
                chart: BarChart(
                    title: localizer.t("Seats taken per pool"),
                    rows: poolRows.map { ("\($0.name): \($0.taken) / \($0.capacity)", Double($0.taken), Double($0.capacity), $0.taken >= $0.capacity) }
                )
            )
        }
        hasEvents = !events.isEmpty
        checkURL = DebateAdminURL.check.path
        eventsURL = AdminURL.changeList(DebateEventsAdmin.resource.slug)
    }
}

extension DebateStatisticsView.CaseRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("pool", \.pool), .text("registered", \.registered), .text("capacity", \.capacity),
        .text("free", \.free), .text("waiting", \.waiting),
    ])
}

extension DebateStatisticsView.PoolRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("cases", \.cases), .text("taken", \.taken), .text("capacity", \.capacity),
        .text("free", \.free), .text("waiting", \.waiting),
    ])
}

extension DebateStatisticsView.EventStatistics: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("window", \.window), .text("publicURL", \.publicURL), .text("exportURL", \.exportURL),
        .text("registrationsURL", \.registrationsURL), .list("cases", \.cases), .list("pools", \.pools), .object("chart", \.chart),
    ])
}

extension DebateStatisticsView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .list("events", \.events), .bool("hasEvents", \.hasEvents), .text("checkURL", \.checkURL), .text("eventsURL", \.eventsURL),
    ])
}
