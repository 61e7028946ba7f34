import HTTPTypes
import Hummingbird

/// A resource's change list `/admin/<slug>/` and its bulk actions (the index `/admin/` is ``AdminIndexController``).
struct AdminListController: Sendable {
    let services: AdminServices

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(AdminURL.changeList(.key), use: list)
        routes.post(AdminURL.actions(.key), use: action)
    }

    /// The change list, from ``AdminPageCache`` when this session was shown the same page and nothing has changed since.
    @Sendable func list(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        let today = services.today
        let cache = services.pageCache, uri = request.uri.description
        let keeps = cache.keeps(resource)
        if keeps, let body = cache.page(uri, context: context, today: today) { return Self.answer(body, cache: "hit") }
        let state = AdminListState(query: request.queryData, resource: resource, today: today)
        let body = try await renderedList(resource, state: state, context: context)
        guard keeps else { return Views.htmlResponse(body) }
        cache.keep(body, for: uri, context: context, today: today)
        return Self.answer(body, cache: "miss")
    }

    /// `X-Page-Cache` says whether a list that may be kept came from memory.
    private static func answer(_ body: ByteBuffer, cache: String) -> Response {
        var response = Views.htmlResponse(body)
        response.headers[Self.cacheHeader] = cache
        return response
    }

    static let cacheHeader = HTTPField.Name("X-Page-Cache")!

    /// The change list; after an action posted without what it needs, with the message beside the action
    /// menu and the rows the person had selected still selected.
    private func renderList(
        _ resource: AdminResource, state: AdminListState, context: SignedInContext, actionError: String? = nil,
        selected: Set<Int> = [], selectAcross: Bool = false, status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let body = try await renderedList(resource, state: state, context: context, actionError: actionError, selected: selected, selectAcross: selectAcross)
        return Views.htmlResponse(body, status: status)
    }

    private func renderedList(
        _ resource: AdminResource, state: AdminListState, context: SignedInContext, actionError: String? = nil,
        selected: Set<Int> = [], selectAcross: Bool = false
    ) async throws -> ByteBuffer {
        // A filter's value the user is not offered is named beside its filter and filters nothing (listPage).
        let (state, page) = try await services.listPage(of: resource, for: context.user, state: state, at: context.signedInSession.dataVersion)
        var view = AdminListView(
            resource: resource, state: state, page: page, user: context.user, csrfToken: context.signedInSession.csrfToken,
            lookups: page.filterChoices, formatter: services.formatter(for: context),
            editChoices: resource.list.editable.isEmpty ? [:] : try await services.lookups(for: resource),
            readOnlyReasons: services.readOnlyReasons(of: resource, page: page, localizer: services.views.localizer(for: context))
        )
        view.keepSelection(selected, across: selectAcross, error: actionError)
        return services.views.page(.adminList, title: view.title, content: view, context: context)
    }

    /// Runs a bulk action on the selected rows (or all matching), after a confirmation page listing what
    /// it changes: only the confirmed POST changes anything.
    @Sendable func action(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        var request = request
        let form = try await request.formData(context: context)
        let localizer = services.views.localizer(for: context)
        let listQuery = AdminListState.postedQuery(form)
        let state = try await services.offeredState(
            AdminListState(posted: form, resource: resource, today: services.today), of: resource, for: context.user
        )
        // A button on an object's page leads back to that page; the change list's form, to the list.
        let objectID = form.value("object_id").flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        let back = objectID.map { AdminURL.changeForm(resource.slug, String($0)) } ?? state.url(resource: resource)
        let selectAcross = form.value("select_across") == "1"
        let ids = form.values("selected").compactMap(Int.init).filter { $0 > 0 }
        func refuse(_ message: String) async throws -> Response {
            guard objectID == nil else { return try await services.redirect(to: back, flash: .error(message), context: context) }
            return try await renderList(
                resource, state: state, context: context, actionError: message, selected: Set(ids), selectAcross: selectAcross,
                status: .unprocessableContent
            )
        }
        guard let action = resource.availableActions(for: context.user).first(where: { $0.name == form.value("action") }) else {
            return try await refuse(localizer.t("Choose an action."))
        }
        guard selectAcross || !ids.isEmpty else {
            return try await refuse(localizer.t("Select at least one row first."))
        }
        let targets = try await services.lists.targets(of: resource, for: context.user, ids: ids, selectAcross: selectAcross, state: state)
        guard targets.count <= AdminListStore.bulkLimit else {
            let limit = localizer.format.number(AdminListStore.bulkLimit)
            let message = localizer.t("More than {limit} rows match: narrow the list with search or filters, then try again. Nothing was changed.", ["limit": limit])
            return try await services.redirect(to: back, flash: .error(message), context: context)
        }
        guard !targets.isEmpty else {
            let message = localizer.t("None of the selected rows exist any more, or none is yours to change: nothing was changed.")
            return try await services.redirect(to: back, flash: .error(message), context: context)
        }
        // Selected ids outside the user's rows (someone else's, or deleted meanwhile) are said, never acted on.
        let missing = selectAcross ? 0 : Set(ids).subtracting(targets.map(\.id)).count
        let bulk = AdminBulkAction(services: services, resource: resource, context: context)
        guard form.value("confirm") == "yes" else {
            let (allowed, refusals) = try await bulk.partition(action, targets, missing: missing)
            let dependents = try await services.records.dependents(of: resource, ids: allowed.map(\.id))
            let view = AdminActionConfirmationView(
                resource: resource, action: action, targets: allowed, refusals: refusals, dependents: dependents,
                listQuery: listQuery, backURL: back, objectID: objectID, csrfToken: context.signedInSession.csrfToken,
                localizer: localizer
            )
            return services.views.render(.adminActionConfirmation, title: view.title, content: view, context: context)
        }
        let confirmed = AdminActionConfirmationView.confirmedVersions(form, ids: targets.map(\.id))
        let outcome = try await bulk.perform(action, on: targets, confirmed: confirmed, missing: missing)
        return try await services.redirect(to: back, flash: outcome, context: context)
    }
}
