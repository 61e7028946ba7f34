import Hummingbird

/// The change list's Save (`POST /admin/<slug>/edit`) of a resource with list-editable fields: every
/// row checked like a form; any error → the list again (422) with the messages beside the inputs and
/// nothing saved; otherwise each row saved under its own version, the stale ones the user changed left
/// alone and shown as conflicts (409) with the current values and the user's beside them.
struct AdminListEditController: Sendable {
    let services: AdminServices

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.post(AdminURL.listEdit(.key), use: save)
    }

    @Sendable func save(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        guard !resource.list.editable.isEmpty else { throw AppError.notFound }
        guard resource.allows(.change, for: context.user) else { throw AppError.forbidden }
        var request = request
        let form = try await request.formData(context: context)
        let localizer = services.views.localizer(for: context)
        let state = AdminListState(posted: form, resource: resource, today: services.today)
        let choices = try await services.lookups(for: resource)
        var edit = AdminListEdit(form: form, resource: resource, choices: choices, localizer: localizer)
        guard !edit.rows.isEmpty else {
            return try await services.redirect(to: state.url(resource: resource), flash: .error(localizer.t("There was nothing to save.")), context: context)
        }
        if edit.hasErrors {
            let count = edit.rows.filter { !$0.errors.isEmpty }.count
            let notice = localizer.plural("{count} rows have errors: nothing was saved. Correct them and save again.", count: count)
            return try await render(resource, state: state, edit: edit, notice: notice, choices: choices, context: context, status: .unprocessableContent)
        }
        let outcomes = try await services.records.updateListRows(edit.rows, of: resource, actor: context.user, address: context.clientAddress)
        var saved = 0, refused = 0, gone = 0
        for (id, outcome) in outcomes {
            switch outcome {
            case .saved(_, let changes):
                if !changes.isEmpty { saved += 1 }
                edit.remove(id)
            case .conflict:
                refused += 1
                edit.update(id) {
                    $0.isConflict = true
                    $0.message = localizer.t("Someone else changed this row after you loaded the page: yours was not saved. The current values are shown, yours beside them.")
                }
            case .readOnly(let reason):
                refused += 1
                edit.update(id) { $0.message = localizer.t(reason) }
            case .notFound:
                // Deleted meanwhile, or never the user's to change: not on the page, so said in the notice.
                gone += 1
                edit.remove(id)
            }
        }
        let savedText = localizer.plural("{count} rows saved.", count: saved)
        guard refused + gone > 0 else {
            return try await services.redirect(to: state.url(resource: resource), flash: .success(savedText), context: context)
        }
        var notice = savedText
        if refused > 0 { notice += " " + localizer.plural("{count} rows were not saved: see the messages beside them.", count: refused) }
        if gone > 0 { notice += " " + localizer.plural("{count} rows no longer exist or are not yours to change: nothing was saved for them.", count: gone) }
        return try await render(resource, state: state, edit: edit, notice: notice, choices: choices, context: context, status: .conflict)
    }

    private func render(
        _ resource: AdminResource, state: AdminListState, edit: AdminListEdit, notice: String, choices: [String: [AdminChoice]],
        context: SignedInContext, status: HTTPResponse.Status
    ) async throws -> Response {
        let (state, page) = try await services.listPage(
            // Rendered after this request's own saves: the version read before them no longer stands for a count.
            of: resource, for: context.user, state: state, at: nil
        )
        let view = AdminListView(
            resource: resource, state: state, page: page, user: context.user, csrfToken: context.signedInSession.csrfToken,
            lookups: page.filterChoices, formatter: services.formatter(for: context),
            editChoices: choices, edit: edit, editNotice: notice,
            readOnlyReasons: services.readOnlyReasons(of: resource, page: page, localizer: services.views.localizer(for: context))
        )
        return services.views.render(.adminList, title: view.title, content: view, context: context, status: status)
    }
}
