import Hummingbird
import Postgres

/// An object's delete confirmation `/admin/<slug>/<id>/delete`, its history `/admin/<slug>/<id>/history`
/// and the pages its resource declares, `/admin/<slug>/<id>/<page>` (``AdminHooks/objectPages``).
struct AdminObjectController: Sendable {
    let services: AdminServices

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(AdminURL.delete(.key, .key), use: confirmDelete)
        routes.post(AdminURL.delete(.key, .key), use: delete)
        routes.get(AdminURL.history(.key, .key), use: history)
        // Each page name some resource declares, with the methods it answers (so `…/history` is not taken
        // for a page, and a 405's `Allow` names only real methods); the handler finds the slug's own page.
        let pages = services.site.resources.flatMap(\.hooks.objectPages)
        for name in Set(pages.map(\.name)).sorted() {
            let route = AdminURL.objectPage(.key, .key, page: .value(name))
            if pages.contains(where: { $0.name == name && $0.show != nil }) { routes.get(route, use: objectPage) }
            if pages.contains(where: { $0.name == name && $0.submit != nil }) { routes.post(route, use: objectPage) }
        }
    }

    /// Lists the object and what goes with it; deleting takes a POST from this page.
    @Sendable func confirmDelete(_ request: Request, context: SignedInContext) async throws -> Response {
        let (resource, record) = try await deletable(context)
        let localizer = services.views.localizer(for: context)
        if let reason = record.readOnlyReason ?? resource.access.refusal(.delete, String(record.id), context.user) {
            return try await services.redirect(
                to: AdminURL.changeForm(resource.slug, String(record.id)), flash: .error(localizer.t(reason)), context: context
            )
        }
        let dependents = try await services.records.dependents(of: resource, ids: [record.id])
        let blockers = try await services.records.deletionBlockers(of: resource, ids: [record.id])[record.id] ?? []
        let view = AdminDeleteView(
            resource: resource, record: record, dependents: dependents, blockers: blockers, csrfToken: context.signedInSession.csrfToken,
            localizer: localizer
        )
        return services.views.render(.adminDelete, title: view.title, content: view, context: context)
    }

    @Sendable func delete(_ request: Request, context: SignedInContext) async throws -> Response {
        let (resource, record) = try await deletable(context)
        let localizer = services.views.localizer(for: context)
        let formURL = AdminURL.changeForm(resource.slug, String(record.id))
        if let reason = record.readOnlyReason ?? resource.access.refusal(.delete, String(record.id), context.user) {
            return try await services.redirect(to: formURL, flash: .error(localizer.t(reason)), context: context)
        }
        // Rows that refer to it keep it: named on the confirmation page, which offers no delete.
        if let kept = try await services.records.deletionBlockers(of: resource, ids: [record.id])[record.id] {
            let counts = kept.map { localizer.plural($0.label, count: $0.count) }.joined(separator: ", ")
            let message = localizer.t("“{label}” was not deleted, as other records refer to it: {records}.", ["label": record.label, "records": counts])
            return try await services.redirect(to: AdminURL.delete(resource.slug, String(record.id)), flash: .error(message), context: context)
        }
        do {
            let deletion = try await services.records.delete(ids: [record.id], of: resource, actor: context.user, address: context.clientAddress)
            await services.removeFiles(deletion.files)
        } catch PostgresError.foreignKeyViolation {
            let message = localizer.t("“{label}” was not deleted: other records still refer to it.", ["label": record.label])
            return try await services.redirect(to: formURL, flash: .error(message), context: context)
        }
        let message = localizer.t("The {name} “{label}” was deleted.", ["name": localizer.t(resource.singularName), "label": record.label])
        return try await services.redirect(to: AdminURL.changeList(resource.slug), flash: .success(message), context: context)
    }

    @Sendable func history(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        let id = try services.objectID(context)
        guard let record = try await services.records.record(of: resource, id: id, for: context.user) else { throw AppError.notFound }
        let entries = try await AuditStore.history(objectType: resource.slug, objectID: String(id), on: services.records.database)
        let view = AdminHistoryView(resource: resource, record: record, entries: entries, formatter: services.formatter(for: context))
        return services.views.render(.adminHistory, title: view.title, content: view, context: context)
    }

    /// A page the resource declares for its objects: 404 when it declares none of that name (or none for
    /// the method), 403 without the page's permission.
    @Sendable func objectPage(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        guard let page = resource.hooks.objectPage(named: request.uri.path.split(separator: "/").last.map(String.init)),
              let handler = request.method == .post ? page.submit : page.show
        else { throw AppError.notFound }
        guard resource.allows(page.permission, for: context.user) else { throw AppError.forbidden }
        let id = try services.objectID(context)
        return try await handler(AdminObjectPageRequest(request: request, context: context, resource: resource, objectID: id, services: services))
    }

    private func deletable(_ context: SignedInContext) async throws -> (AdminResource, AdminRecord) {
        let resource = try services.resource(context)
        let id = try services.objectID(context)
        guard let record = try await services.records.record(of: resource, id: id, for: context.user) else { throw AppError.notFound }
        guard resource.allows(.delete, for: context.user) else { throw AppError.forbidden }
        return (resource, record)
    }
}
