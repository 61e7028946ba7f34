import Hummingbird
import Postgres

/// A resource's add and change forms: `/admin/<slug>/add`, `/admin/<slug>/<id>/`.
struct AdminFormController: Sendable {
    let services: AdminServices

    func addRoutes(to routes: Routes<SignedInContext>) {
        routes.get(AdminURL.addForm(.key), use: addForm)
        routes.post(AdminURL.addForm(.key), use: add)
        routes.get(AdminURL.changeForm(.key, .key), use: changeForm)
        routes.post(AdminURL.changeForm(.key, .key), use: change)
    }

    @Sendable func addForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        guard resource.allows(.add, for: context.user) else { throw AppError.forbidden }
        return try await render(resource, values: .stored(nil), isReadOnly: false, context: context)
    }

    @Sendable func add(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        guard resource.allows(.add, for: context.user) else { throw AppError.forbidden }
        var request = request
        let form = try await request.formData(context: context)
        var input = try await read(form, resource: resource, adding: true, objectID: nil, context: context)
        input.refuseForeignRows(existing: [:], localizer: services.views.localizer(for: context))
        guard input.isValid else {
            return try await render(resource, values: .submitted(input, record: nil), isReadOnly: false, context: context, status: .unprocessableContent)
        }
        let files = try await services.prepare(&input, resource: resource)
        do {
            let saved = try await services.records.insert(
                input.values, inlines: input.inlineRows, into: resource, actor: context.user, address: context.clientAddress
            )
            let localizer = services.views.localizer(for: context)
            let message = localizer.t("The {name} “{label}” was added.", ["name": localizer.t(resource.singularName), "label": saved.label])
            return try await services.redirect(to: next(form, resource: resource, id: saved.id), flash: .success(message), context: context)
        } catch {
            // Nothing was saved: the files stored for it go, and the form comes back with the reason.
            await services.removeFiles(files)
            if case PostgresError.uniqueViolation(let constraint, _) = error {
                input.errors.merge(uniqueErrors(resource, constraint: constraint, context: context)) { $1 }
            } else if case PostgresError.checkViolation(let constraint?) = error, let known = resource.form.checkConstraints[constraint] {
                input.errors[known.field] = services.views.localizer(for: context).t(known.message)
            } else if let refusal = error as? AdminReadOnlyError {
                input.errors[resource.form.fields.first?.name ?? ""] = services.views.localizer(for: context).t(refusal.message)
            } else if let violation = error as? AdminInlineViolation {
                input.add(violation, localizer: services.views.localizer(for: context))
            } else {
                throw error
            }
            return try await render(resource, values: .submitted(input, record: nil), isReadOnly: false, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func changeForm(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        let id = try services.objectID(context)
        guard let record = try await services.records.record(of: resource, id: id, for: context.user) else { throw AppError.notFound }
        let readOnly = !resource.allows(.change, for: context.user) || !resource.hasEditableFields || record.readOnlyReason != nil
        let actions = try await AdminBulkAction(services: services, resource: resource, context: context)
            .objectActions(for: record)
        return try await render(resource, values: .stored(record), isReadOnly: readOnly, context: context, objectActions: actions)
    }

    @Sendable func change(_ request: Request, context: SignedInContext) async throws -> Response {
        let resource = try services.resource(context)
        let id = try services.objectID(context)
        guard let record = try await services.records.record(of: resource, id: id, for: context.user) else { throw AppError.notFound }
        guard resource.allows(.change, for: context.user), resource.hasEditableFields else { throw AppError.forbidden }
        if record.readOnlyReason != nil {
            return try await render(resource, values: .stored(record), isReadOnly: true, context: context, status: .forbidden)
        }
        var request = request
        let form = try await request.formData(context: context)
        var input = try await read(form, resource: resource, adding: false, objectID: id, context: context)
        input.refuseForeignRows(existing: record.inlines, localizer: services.views.localizer(for: context))
        guard let version = form.value("version").flatMap(Int.init) ?? (resource.isVersioned ? nil : 0) else {
            throw AppError.badRequest
        }
        guard input.isValid else {
            return try await render(resource, values: .submitted(input, record: record), isReadOnly: false, context: context, status: .unprocessableContent)
        }
        let files = try await services.prepare(&input, resource: resource)
        let result: AdminUpdateResult
        do {
            result = try await services.records.update(
                input.values, inlines: input.inlineRows, of: resource, id: id, version: version, actor: context.user,
                address: context.clientAddress
            )
        } catch {
            await services.removeFiles(files)
            if let violation = error as? AdminInlineViolation {
                input.add(violation, localizer: services.views.localizer(for: context))
            } else if case PostgresError.uniqueViolation(let constraint, _) = error {
                input.errors.merge(uniqueErrors(resource, constraint: constraint, context: context)) { $1 }
            } else if case PostgresError.checkViolation(let constraint?) = error, let known = resource.form.checkConstraints[constraint] {
                input.errors[known.field] = services.views.localizer(for: context).t(known.message)
            } else if let refusal = error as? AdminReadOnlyError {
                input.errors[resource.form.fields.first?.name ?? ""] = services.views.localizer(for: context).t(refusal.message)
            } else {
                throw error
            }
            return try await render(resource, values: .submitted(input, record: record), isReadOnly: false, context: context, status: .unprocessableContent)
        }
        if case .saved = result {} else {
            await services.removeFiles(files)
        }
        switch result {
        case .notFound:
            throw AppError.notFound
        case .conflict(let current):
            return try await render(resource, values: .conflict(input, current: current), isReadOnly: false, context: context, status: .conflict)
        case .readOnly:
            let current = try await services.records.record(of: resource, id: id, for: context.user) ?? record
            return try await render(resource, values: .stored(current), isReadOnly: current.readOnlyReason != nil, context: context, status: .forbidden)
        case .saved(let label, let changes):
            await services.removeFiles(AdminServices.replacedFiles(changes, of: resource))
            let localizer = services.views.localizer(for: context)
            let message = changes.isEmpty
                ? localizer.t("No fields changed.")
                : localizer.t("The {name} “{label}” was changed.", ["name": localizer.t(resource.singularName), "label": label])
            return try await services.redirect(to: next(form, resource: resource, id: id), flash: .success(message), context: context)
        }
    }

    // MARK: Helpers

    /// Reads and checks the submission: the declared kinds, then the resource's own rules.
    private func read(_ form: FormData, resource: AdminResource, adding: Bool, objectID: Int?, context: SignedInContext) async throws -> AdminFormInput {
        let localizer = services.views.localizer(for: context)
        var input = AdminFormInput(
            form: form, resource: resource, adding: adding, choices: try await services.lookups(for: resource),
            policy: services.passwordPolicy, localizer: localizer
        )
        for (field, message) in resource.form.validate(input.submission(objectID: objectID, actor: context.user)) where input.errors[field] == nil {
            input.errors[field] = localizer.t(message)
        }
        return input
    }

    private func uniqueErrors(_ resource: AdminResource, constraint: String?, context: SignedInContext) -> [String: String] {
        let localizer = services.views.localizer(for: context)
        guard let constraint, let known = resource.form.uniqueConstraints[constraint] else {
            return [resource.form.fields.first?.name ?? "": localizer.t("Another record already has this value.")]
        }
        return [known.field: localizer.t(known.message)]
    }

    /// Where "Save", "Save and continue editing" and "Save and add another" lead.
    private func next(_ form: FormData, resource: AdminResource, id: Int) -> String {
        if form.value("_continue") != nil { return AdminURL.changeForm(resource.slug, String(id)) }
        if form.value("_addanother") != nil { return AdminURL.addForm(resource.slug) }
        return AdminURL.changeList(resource.slug)
    }

    private func render(
        _ resource: AdminResource, values: AdminFormView.Values, isReadOnly: Bool, context: SignedInContext,
        status: HTTPResponse.Status = .ok, objectActions: [AdminAction] = []
    ) async throws -> Response {
        var panels: [[[String?]]] = []
        if let id = values.record?.id {
            for panel in resource.form.panels { panels.append(try await services.records.rows(of: panel, objectID: id)) }
        }
        let view = AdminFormView(
            resource: resource, values: values, isReadOnly: isReadOnly, user: context.user,
            csrfToken: context.signedInSession.csrfToken, choices: try await services.lookups(for: resource),
            formatter: services.formatter(for: context), objectActions: objectActions, panelRows: panels
        )
        return services.views.render(.adminForm, title: view.title, content: view, context: context, status: status)
    }
}
