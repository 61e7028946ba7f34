import Postgres

/// Applies one bulk action to its rows and says what happened, in a flash message.
struct AdminBulkAction: Sendable {
    let services: AdminServices
    let resource: AdminResource
    let context: SignedInContext

    /// The rows the action may touch, and the others with the reason each is left alone (translated).
    func partition(_ action: AdminAction, _ targets: [(id: Int, label: String)]) async throws -> (allowed: [(id: Int, label: String)], refusals: [String]) {
        let localizer = services.views.localizer(for: context)
        var procedureRefusals: [Int: String] = [:]
        if case .perform(let procedure) = action.operation, !targets.isEmpty {
            procedureRefusals = try await procedure.refusals(services.records.database, targets.map(\.id))
        }
        let readOnly = try await services.records.readOnlyIDs(of: resource, ids: targets.map(\.id))
        var allowed: [(id: Int, label: String)] = []
        var refusals: [String] = []
        for target in targets {
            let readOnlyReason = readOnly.contains(target.id) ? resource.access.readOnlyCondition?.message : nil
            if let reason = readOnlyReason ?? resource.access.refusal(action.rowOperation, String(target.id), context.user) ?? procedureRefusals[target.id] {
                refusals.append("“\(target.label)”: " + localizer.t(reason))
            } else {
                allowed.append(target)
            }
        }
        return (allowed, refusals)
    }

    /// The actions with an object label the user may run on this object, those that would leave it alone left out.
    func objectActions(for target: (id: Int, label: String)) async throws -> [AdminAction] {
        var offered: [AdminAction] = []
        for action in resource.availableActions(for: context.user) where action.objectLabel != nil {
            if try await !partition(action, [target]).allowed.isEmpty { offered.append(action) }
        }
        return offered
    }

    func perform(_ action: AdminAction, on targets: [(id: Int, label: String)]) async throws -> FlashMessage {
        let localizer = services.views.localizer(for: context)
        let user = context.user
        let partitioned = try await partition(action, targets)
        let allowed = partitioned.allowed
        var refusals = partitioned.refusals
        var done = 0
        switch action.operation {
        case .delete:
            do {
                let deletion = try await services.records.delete(ids: allowed.map(\.id), of: resource, actor: user, address: context.clientAddress)
                await services.removeFiles(deletion.files)
                done = deletion.labels.count
            } catch PostgresError.foreignKeyViolation {
                return .error(localizer.t("Nothing was deleted: other records still refer to some of the selected rows."))
            }
        case .setField(let name, let value):
            done = try await services.records.updateEach(
                ids: allowed.map(\.id), to: [name: .text(value)], of: resource, actor: user, address: context.clientAddress
            )
        case .perform(let procedure):
            // Checked again inside the transaction: a row may have changed since the page was read.
            let outcome = try await services.records.perform(
                procedure, on: allowed, of: resource, actor: user, address: context.clientAddress
            )
            done = outcome.changed
            for target in allowed {
                if let reason = outcome.refused[target.id] { refusals.append("“\(target.label)”: " + localizer.t(reason)) }
            }
        }
        var message = Localizer.fill(
            localizer.plural("“{action}”: {count} rows changed.", count: done), with: ["action": localizer.t(action.label)]
        )
        if !refusals.isEmpty {
            message += " " + localizer.t("Left alone:") + " " + refusals.joined(separator: "; ")
        }
        return refusals.isEmpty ? .success(message) : .info(message)
    }
}
