import Hummingbird
import Postgres

/// `/admin/debate-events/<id>/cancel-all`, an object page of ``DebateEventsAdmin``: cancels every active
/// registration of the event at once (each audited, each seat freed), confirmed by typing the event's title.
enum DebateCancelAllPage {
    static let name = "cancel-all"
    static let page = AdminObjectPage(name, show: form, submit: cancel)

    @Sendable static func form(_ page: AdminObjectPageRequest) async throws -> Response {
        let (event, active) = try await target(page)
        return render(event, active: active, typed: "", error: nil, page)
    }

    @Sendable static func cancel(_ page: AdminObjectPageRequest) async throws -> Response {
        let (event, active) = try await target(page)
        let context = page.context, services = page.services
        var request = page.request
        let typed = try await request.formData(context: context).value("confirmation") ?? ""
        let localizer = services.views.localizer(for: context)
        guard typed.trimmingCharacters(in: .whitespacesAndNewlines) == event.title else {
            let error = localizer.t("Type the event's title exactly as shown to confirm.")
            return render(event, active: active, typed: String(typed.prefix(300)), error: error, page, status: .unprocessableContent)
        }
        let user = context.user, address = context.clientAddress, slug = DebateRegistrationsAdmin.resource.slug
        let cancelled = try await services.records.database.transaction { connection in
            let ids = try await connection.query(
                "SELECT id FROM debate_registrations WHERE event_id = $1 AND cancelled_at IS NULL ORDER BY id", [event.id]
            ).map { try $0.decode("id", as: Int.self) }
            let cancelled = try await DebateSeatStore.cancel(registrations: ids, on: connection)
            try await AuditStore.record(cancelled.map {
                AuditEntry(actor: user, action: .change, objectType: slug, objectID: String($0),
                           changes: [FieldChange(field: "cancelled_at", old: nil, new: "cancelled")], address: address)
            }, on: connection)
            return cancelled.count
        }
        let message = localizer.plural("{count} registrations were cancelled.", count: cancelled)
        return try await services.redirect(to: AdminURL.changeForm(page.resource.slug, String(event.id)), flash: .success(message), context: context)
    }

    private static func target(_ page: AdminObjectPageRequest) async throws -> (DebateEvent, Int) {
        let store = DebateStore(database: page.services.records.database)
        guard let event = try await store.event(id: page.objectID) else { throw AppError.notFound }
        let active = try await store.cases(event: event.id).reduce(0) { $0 + $1.registered }
        return (event, active)
    }

    private static func render(
        _ event: DebateEvent, active: Int, typed: String, error: String?, _ page: AdminObjectPageRequest, status: HTTPResponse.Status = .ok
    ) -> Response {
        let views = page.services.views, context = page.context
        let view = DebateCancelAllView(
            event: event, active: active, typed: typed, error: error, csrfToken: context.signedInSession.csrfToken,
            actionURL: AdminURL.objectPage(.value(page.resource.slug), .value(String(event.id)), page: .value(name)).path,
            backURL: AdminURL.changeForm(page.resource.slug, String(event.id)), localizer: views.localizer(for: context)
        )
        return views.render(.debateCancelAll, title: view.heading, content: view, context: context, status: status)
    }
}
