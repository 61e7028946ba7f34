import Foundation
import Postgres
import Mustache

/// The queue overview's view model: every figure counted, formatted and linked to the change list
/// it summarises.
struct JobsOverviewView: Sendable {
    struct Count: Sendable {
        /// What it counts (a state, or "Total"): the cell's label when a phone stacks the table.
        let label: String
        let text: String
        let url: String
        let isZero: Bool
    }

    struct StateTotal: Sendable {
        let label: String
        let count: Count
        /// Failed jobs waiting or given up, when there are any: drawn to the eye.
        let needsAttention: Bool
    }

    struct KindRow: Sendable {
        let kind: String
        let url: String
        let counts: [Count]
        let total: Count
    }

    struct PeriodicRow: Sendable {
        let name: String
        let schedule: String
        let lastFire: String
        let hasLastJob: Bool
        let lastJobURL: String
        let lastJobLabel: String
        let lastJobState: String
        let nextFire: String
    }

    struct WorkerRow: Sendable {
        let host: String
        let pid: String
        let slots: String
        let startedAt: String
        let heartbeat: String
        let status: String
        let isAlive: Bool
    }

    let title: String
    let listURL: String
    let stateTotals: [StateTotal]
    let stateHeaders: [String]
    let kindRows: [KindRow]
    let hasKinds: Bool
    let columnTotals: [Count]
    let grandTotal: Count
    let periodicRows: [PeriodicRow]
    let hasPeriodic: Bool
    let workerRows: [WorkerRow]
    let hasWorkers: Bool
    let workersSummary: String
    let timeZone: String

    init(
        counts: [JobDashboardStore.StateCount], periodicJobs: [PeriodicJob], fires: [String: JobDashboardStore.PeriodicFire],
        workers: [JobDashboardStore.WorkerStatus], now: Date, timeZone: TimeZone, localizer: Localizer
    ) {
        let format = localizer.format
        title = localizer.t("Job queue")
        listURL = AdminURL.changeList(JobsAdmin.resource.slug)
        let totalLabel = localizer.t("Total")
        func count(_ value: Int, _ filters: [(String, String)], label: String) -> Count {
            let query = filters.map { $0.0 + "=" + SiteURL.queryEscaped($0.1) }.joined(separator: "&")
            let url = AdminURL.changeList(JobsAdmin.resource.slug) + (query.isEmpty ? "" : "?" + query)
            return Count(label: label, text: format.number(value), url: url, isZero: value == 0)
        }
        var byState: [String: Int] = [:]
        var byKind: [String: [String: Int]] = [:]
        var kinds: [String] = []
        for row in counts {
            byState[row.state, default: 0] += row.count
            if byKind[row.kind] == nil { kinds.append(row.kind) }
            byKind[row.kind, default: [:]][row.state, default: 0] += row.count
        }
        stateTotals = JobState.allCases.map { state in
            let total = byState[state.rawValue] ?? 0
            return StateTotal(
                label: localizer.t(state.label), count: count(total, [("state", state.rawValue)], label: localizer.t(state.label)),
                needsAttention: total > 0 && (state == .retryable || state == .discarded)
            )
        }
        stateHeaders = JobState.allCases.map { localizer.t($0.label) }
        kindRows = kinds.map { kind in
            let states = byKind[kind] ?? [:]
            return KindRow(
                kind: kind, url: count(0, [("kind", kind)], label: kind).url,
                counts: JobState.allCases.map {
                    count(states[$0.rawValue] ?? 0, [("kind", kind), ("state", $0.rawValue)], label: localizer.t($0.label))
                },
                total: count(states.values.reduce(0, +), [("kind", kind)], label: totalLabel)
            )
        }
        hasKinds = !kinds.isEmpty
        columnTotals = JobState.allCases.map { count(byState[$0.rawValue] ?? 0, [("state", $0.rawValue)], label: localizer.t($0.label)) }
        grandTotal = count(byState.values.reduce(0, +), [], label: totalLabel)
        periodicRows = periodicJobs.map { job in
            let fire = fires[job.name]
            let jobState = fire?.jobState.flatMap(JobState.init(rawValue:))
            return PeriodicRow(
                name: job.name,
                schedule: Self.describe(job.schedule, localizer: localizer),
                lastFire: fire.map { format.dateTime($0.fireAt, in: timeZone) } ?? localizer.t("Never"),
                hasLastJob: fire?.jobID != nil,
                lastJobURL: fire?.jobID.map { AdminURL.changeForm(JobsAdmin.resource.slug, String($0)) } ?? "",
                lastJobLabel: fire?.jobID.map { "#" + String($0) } ?? "",
                lastJobState: jobState.map { localizer.t($0.label) } ?? "",
                nextFire: job.schedule.nextFire(after: now, in: timeZone).map { format.dateTime($0, in: timeZone) } ?? "—"
            )
        }
        hasPeriodic = !periodicJobs.isEmpty
        workerRows = workers.map { worker in
            WorkerRow(
                host: worker.host, pid: String(worker.pid), slots: format.number(worker.slots),
                startedAt: format.dateTime(worker.startedAt, in: timeZone),
                heartbeat: Self.ago(worker.silentSeconds, at: worker.heartbeatAt, timeZone: timeZone, localizer: localizer),
                status: worker.isAlive ? localizer.t("Alive") : localizer.t("Stale"),
                isAlive: worker.isAlive
            )
        }
        hasWorkers = !workers.isEmpty
        let alive = workers.filter(\.isAlive).count
        workersSummary = localizer.plural("{count} alive", count: alive) + ", " + localizer.plural("{count} stale", count: workers.count - alive)
        self.timeZone = timeZone.identifier
    }

    /// "12 seconds ago", "7 minutes ago", or past an hour the time itself.
    static func ago(_ seconds: Int, at moment: Date, timeZone: TimeZone, localizer: Localizer) -> String {
        if seconds < 120 { return localizer.plural("{count} seconds ago", count: seconds) }
        if seconds < 3600 { return localizer.plural("{count} minutes ago", count: seconds / 60) }
        return localizer.format.dateTime(moment, in: timeZone)
    }

    /// "Hourly, at :20", "Daily, 00:05", "Weekly: Monday, 09:00", "Monthly: day 1, 03:00", in the organisation's time zone.
    static func describe(_ schedule: JobSchedule, localizer: Localizer) -> String {
        let format = localizer.format
        func time(_ hour: Int, _ minute: Int) -> String {
            TimeOfDay(hour: hour, minute: minute).map(format.time) ?? "\(hour):\(minute)"
        }
        switch schedule {
        case .hourly(let minute):
            return localizer.t("Hourly, at :{minute}", ["minute": minute < 10 ? "0\(minute)" : String(minute)])
        case .daily(let hour, let minute):
            return localizer.t("Daily, {time}", ["time": time(hour, minute)])
        case .weekly(let weekday, let hour, let minute):
            return localizer.t("Weekly: {weekday}, {time}", ["weekday": format.weekdayName(weekday), "time": time(hour, minute)])
        case .monthly(let day, let hour, let minute):
            return localizer.t("Monthly: day {day}, {time}", ["day": String(day), "time": time(hour, minute)])
        }
    }
}

extension JobsOverviewView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("listURL", \.listURL), .list("stateTotals", \.stateTotals),
        .list("stateHeaders", \.stateHeaders), .list("kindRows", \.kindRows), .bool("hasKinds", \.hasKinds),
        .list("columnTotals", \.columnTotals), .object("grandTotal", \.grandTotal), .list("periodicRows", \.periodicRows),
        .bool("hasPeriodic", \.hasPeriodic), .list("workerRows", \.workerRows), .bool("hasWorkers", \.hasWorkers),
        .text("workersSummary", \.workersSummary), .text("timeZone", \.timeZone),
    ])
}

extension JobsOverviewView.StateTotal: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .object("count", \.count), .bool("needsAttention", \.needsAttention),
    ])
}

extension JobsOverviewView.KindRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("kind", \.kind), .text("url", \.url), .list("counts", \.counts), .object("total", \.total),
    ])
}

extension JobsOverviewView.Count: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("text", \.text), .text("url", \.url), .bool("isZero", \.isZero),
    ])
}

extension JobsOverviewView.PeriodicRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("schedule", \.schedule), .text("lastFire", \.lastFire), .bool("hasLastJob", \.hasLastJob),
        .text("lastJobURL", \.lastJobURL), .text("lastJobLabel", \.lastJobLabel), .text("lastJobState", \.lastJobState),
        .text("nextFire", \.nextFire),
    ])
}

extension JobsOverviewView.WorkerRow: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("host", \.host), .text("pid", \.pid), .text("slots", \.slots), .text("startedAt", \.startedAt),
        .text("heartbeat", \.heartbeat), .text("status", \.status), .bool("isAlive", \.isAlive),
    ])
}
