import Foundation
import Hummingbird
import Postgres

/// The organisers' pages beside the admin engine (administrators only): statistics, the counter check
/// (and its audited repair) and the participants' CSV export.
struct DebateStatisticsController: Sendable {
    let database: PostgresClient
    let browserSessions: BrowserSessionStore
    let views: Views

    var store: DebateStore { DebateStore(database: database) }

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(DebateAdminURL.statistics, use: statistics)
        routes.get(DebateAdminURL.check, use: check)
        routes.post(DebateAdminURL.check, use: repair)
        routes.get(DebateAdminURL.export(.key), use: export)
    }

    @Sendable func statistics(_ request: Request, context: SignedInContext) async throws -> Response {
        var events: [(DebateEvent, [DebateCaseSeats])] = []
        for event in try await store.recentEvents() {
            events.append((event, try await store.cases(event: event.id)))
        }
        let localizer = views.localizer(for: context)
        let view = DebateStatisticsView(events: events, localizer: localizer, timeZone: views.timeZone)
        return views.render(.debateStatistics, title: localizer.t("Debate statistics"), content: view, context: context)
    }

    @Sendable func check(_ request: Request, context: SignedInContext) async throws -> Response {
        let mismatches = try await DebateStore.counterMismatches(on: database)
        let localizer = views.localizer(for: context)
        let view = DebateCounterCheckView(mismatches: mismatches, csrfToken: context.signedInSession.csrfToken, localizer: localizer)
        return views.render(.debateCounterCheck, title: localizer.t("Seat counter check"), content: view, context: context)
    }

    /// Repairs the counters, one audit record per pool repaired.
    @Sendable func repair(_ request: Request, context: SignedInContext) async throws -> Response {
        let user = context.user
        let address = context.clientAddress
        let repaired = try await database.transaction { connection in
            let repaired = try await DebateStore.repairCounters(on: connection)
            try await AuditStore.record(repaired.map {
                AuditEntry(
                    actor: user, action: .change, objectType: DebatePoolsAdmin.resource.slug, objectID: String($0.poolID), objectLabel: $0.poolName,
                    changes: [FieldChange(field: "taken", old: String($0.taken), new: String($0.counted))], address: address
                )
            }, on: connection)
            return repaired.count
        }
        let localizer = views.localizer(for: context)
        let message = repaired == 0 ? localizer.t("Nothing to repair.") : localizer.plural("{count} pool counters repaired.", count: repaired)
        return try await browserSessions.redirect(to: DebateAdminURL.check.path, flash: .success(message), session: context.signedInSession)
    }

    /// The event's active participants and their cases: UTF-8 with a byte-order mark and a header row,
    /// through ``CSVWriter`` (formula cells neutralised: the names come from the public).
    @Sendable func export(_ request: Request, context: SignedInContext) async throws -> Response {
        guard let id = context.parameters.get("event").flatMap(Int.init), id > 0, let event = try await store.event(id: id) else {
            throw AppError.notFound
        }
        let localizer = views.localizer(for: context)
        var csv = CSVWriter(for: localizer.format)
        csv.append([localizer.t("Full name"), localizer.t("Email"), localizer.t("University or organisation"), localizer.t("Case"), localizer.t("Registered at")])
        for registration in try await store.participants(event: event.id) {
            csv.append([
                registration.fullName, registration.email, registration.affiliation, registration.caseName,
                localizer.format.dateTime(registration.createdAt, in: views.timeZone),
            ])
        }
        return csv.response(fileName: "debate-\(event.slug).csv")
    }
}
