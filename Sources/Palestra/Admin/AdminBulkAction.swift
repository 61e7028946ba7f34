import Postgres

/// One selected row a bulk action will change: what changes for it (translated, e.g. "Late → Present";
/// empty when the action says no more than its label), the fields shown beside it that stay as they are,
/// and the version the person confirmed.
struct AdminBulkTarget: Sendable {
    let id: Int
    let label: String
    let version: Int
    let change: String
    let beside: [String]
}

/// One selected row a bulk action leaves alone, and why (translated); for a deletion that would fail,
/// the first rows that keep it.
struct AdminBulkRefusal: Sendable {
    let label: String
    let reason: String
    var named: [AdminDeletionBlocker.Named] = []

    /// "“label”: reason", or the reason alone for rows without a label.
    var text: String { label.isEmpty ? reason : "“\(label)”: " + reason }
}

/// Applies one bulk action to its rows and says what happened, in a flash message.
struct AdminBulkAction: Sendable {
    /// How many rows left alone a flash message names.
    static let flashedRefusals = 10

    let services: AdminServices
    let resource: AdminResource
    let context: SignedInContext

    /// The rows the action will change, each with what changes, and the others with the reason each is
    /// left alone: read-only, refused, already so, kept by rows that refer to it, changed since `confirmed`
    /// (the versions the person confirmed), or `missing` (selected ids not among the user's rows).
    /// `known`: the rows already read for this request (an object's page), not read again.
    func partition(
        _ action: AdminAction, _ targets: [(id: Int, label: String)], confirmed: [Int: Int] = [:], missing: Int = 0,
        known: [Int: AdminRecord] = [:]
    ) async throws -> (allowed: [AdminBulkTarget], refusals: [AdminBulkRefusal]) {
        let localizer = services.views.localizer(for: context)
        let formatter = services.formatter(for: context)
        let ids = targets.map(\.id)
        var procedureRefusals: [Int: String] = [:]
        if case .perform(let procedure) = action.operation, !targets.isEmpty {
            procedureRefusals = try await procedure.refusals(services.records.database, ids)
        }
        var blockers: [Int: [AdminDeletionBlocker]] = [:]
        if case .delete = action.operation { blockers = try await services.records.deletionBlockers(of: resource, ids: ids) }
        let records = ids.allSatisfy({ known[$0] != nil }) ? known : try await services.records.records(of: resource, ids: ids, for: context.user)
        // Each record carries whether it meets the action's condition, read with it.
        let unfit = action.condition == nil ? [] : Set(records.values.filter { !$0.meetsConditionOf.contains(action.name) }.map(\.id))
        var allowed: [AdminBulkTarget] = []
        var refusals: [AdminBulkRefusal] = []
        for target in targets {
            // Gone since it was selected.
            guard let record = records[target.id] else {
                refusals.append(AdminBulkRefusal(label: target.label, reason: localizer.t("It no longer exists.")))
                continue
            }
            let readOnlyReason = record.readOnlyAllowing.contains(action.name) ? nil : record.readOnlyReason
            if let reason = readOnlyReason ?? resource.access.refusal(action.rowOperation, String(target.id), context.user)
                ?? procedureRefusals[target.id] {
                refusals.append(AdminBulkRefusal(label: record.label, reason: localizer.t(reason)))
                continue
            }
            if unfit.contains(target.id), let condition = action.condition {
                refusals.append(AdminBulkRefusal(label: record.label, reason: localizer.t(condition.message)))
                continue
            }
            if resource.isVersioned, let version = confirmed[target.id], version != record.version {
                refusals.append(AdminBulkRefusal(label: record.label, reason: localizer.t("Someone changed it after you confirmed: nothing was changed. Look at it again.")))
                continue
            }
            if let kept = blockers[target.id] {
                let reason = localizer.t("It cannot be deleted while these refer to it:") + " "
                    + kept.map { localizer.plural($0.label, count: $0.count) }.joined(separator: ", ")
                refusals.append(AdminBulkRefusal(label: record.label, reason: reason, named: kept.flatMap(\.named)))
                continue
            }
            var change = ""
            if case .setField(let name, let value) = action.operation, let field = resource.field(named: name) {
                let now = record.values[name] ?? nil
                let shownNew = formatter.format(value, as: field.cellFormat)
                if now == value {
                    refusals.append(AdminBulkRefusal(label: record.label, reason: localizer.t("{field}: already {value}.", ["field": localizer.t(field.label), "value": shownNew])))
                    continue
                }
                change = localizer.t(field.label) + ": " + formatter.format(now, as: field.cellFormat) + " → " + shownNew
            }
            let beside = action.showing.compactMap { name -> String? in
                guard let field = resource.field(named: name), let value = record.values[name] ?? nil, !value.isEmpty else { return nil }
                return localizer.t(field.label) + ": " + formatter.format(value, as: field.cellFormat)
            }
            allowed.append(AdminBulkTarget(id: record.id, label: record.label, version: record.version, change: change, beside: beside))
        }
        if missing > 0 {
            refusals.append(AdminBulkRefusal(
                label: "", reason: localizer.plural("{count} selected rows are not yours to change or no longer exist.", count: missing)
            ))
        }
        return (allowed, refusals)
    }

    /// The actions with an object label the user may run on this object (its page has just read it), those
    /// that would leave it alone left out.
    func objectActions(for record: AdminRecord) async throws -> [AdminAction] {
        var offered: [AdminAction] = []
        for action in resource.availableActions(for: context.user) where action.objectLabel != nil {
            if try await !partition(action, [(record.id, record.label)], known: [record.id: record]).allowed.isEmpty { offered.append(action) }
        }
        return offered
    }

    /// Runs the confirmed action on the rows still as they were confirmed (`confirmed`: id → version).
    func perform(
        _ action: AdminAction, on targets: [(id: Int, label: String)], confirmed: [Int: Int], missing: Int
    ) async throws -> FlashMessage {
        let localizer = services.views.localizer(for: context)
        let user = context.user
        let partitioned = try await partition(action, targets, confirmed: confirmed, missing: missing)
        let allowed = partitioned.allowed
        var refusals = partitioned.refusals
        let checked = Dictionary(uniqueKeysWithValues: allowed.map { ($0.id, $0.version) })
        var done = 0
        switch action.operation {
        case .delete:
            do {
                let deletion = try await services.records.delete(ids: allowed.map(\.id), of: resource, actor: user, address: context.clientAddress)
                await services.removeFiles(deletion.files)
                done = deletion.labels.count
            } catch PostgresError.foreignKeyViolation {
                // Something referring to a row was added after the check.
                return .error(localizer.t("Nothing was deleted: other records still refer to some of the selected rows."))
            }
        case .setField(let name, let value):
            // The versions checked above are checked again under the rows' locks.
            let outcome = try await services.records.updateEach(
                ids: allowed.map(\.id), to: [name: .text(value)], of: resource, versions: checked, onlyWhere: action.condition?.sql, action: action.name,
                actor: user, address: context.clientAddress
            )
            done = outcome.changed
            for target in allowed where outcome.stale.contains(target.id) {
                refusals.append(AdminBulkRefusal(label: target.label, reason: localizer.t("Someone changed it after you confirmed: nothing was changed. Look at it again.")))
            }
        case .perform(let procedure):
            // Checked again inside the transaction: a row may have changed since the page was read.
            let outcome = try await services.records.perform(
                procedure, on: allowed.map { ($0.id, $0.label) }, of: resource, actor: user, address: context.clientAddress
            )
            done = outcome.changed
            for target in allowed {
                if let reason = outcome.refused[target.id] { refusals.append(AdminBulkRefusal(label: target.label, reason: localizer.t(reason))) }
            }
        }
        var message = Localizer.fill(
            localizer.plural("“{action}”: {count} rows changed.", count: done), with: ["action": localizer.t(action.label)]
        )
        if !refusals.isEmpty {
            // A flash message stays short whatever the selection: the first reasons, then how many more.
            let shown = refusals.prefix(Self.flashedRefusals).map(\.text)
            let more = refusals.count - shown.count
            message += " " + localizer.t("Left alone:") + " " + shown.joined(separator: "; ")
                + (more > 0 ? "; " + localizer.plural("…and {count} more", count: more) : "")
        }
        return refusals.isEmpty ? .success(message) : .info(message)
    }
}
