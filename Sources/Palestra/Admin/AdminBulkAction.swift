import Postgres

/// Applies one bulk action to its rows and says what happened, in a flash message.
struct AdminBulkAction: Sendable {
    let services: AdminServices
    let resource: AdminResource
    let context: SignedInContext

    /// The rows the action may touch, and the others with the reason each is left alone (translated).
    func partition(_ action: AdminAction, _ targets: [(id: Int, label: String)]) -> (allowed: [(id: Int, label: String)], refusals: [String]) {
        let localizer = services.views.localizer(for: context)
        var allowed: [(id: Int, label: String)] = []
        var refusals: [String] = []
        for target in targets {
            let operation: AdminRowOperation = switch action.operation {
            case .delete: .delete
            case .setField(let field, let value): .setField(field, to: value)
            }
            if let reason = resource.refusal(operation, String(target.id), context.user) {
                refusals.append("“\(target.label)”: " + localizer.t(reason))
            } else {
                allowed.append(target)
            }
        }
        return (allowed, refusals)
    }

    func perform(_ action: AdminAction, on targets: [(id: Int, label: String)]) async throws -> FlashMessage {
        let localizer = services.views.localizer(for: context)
        let user = context.user
        let (allowed, refusals) = partition(action, targets)
        var done = 0
        switch action.operation {
        case .delete:
            do {
                done = try await services.records.delete(
                    ids: allowed.map(\.id), of: resource, actor: user, address: context.clientAddress
                ).count
            } catch PostgresError.foreignKeyViolation {
                return .error(localizer.t("Nothing was deleted: other records still refer to some of the selected rows."))
            }
        case .setField(let name, let value):
            done = try await services.records.updateEach(
                ids: allowed.map(\.id), to: [name: .text(value)], of: resource, actor: user, address: context.clientAddress
            )
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
