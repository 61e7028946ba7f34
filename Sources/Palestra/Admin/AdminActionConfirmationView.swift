import Mustache

/// The page that asks "are you sure?" before a bulk action, listing every row it changes and what
/// changes for each (with the fields that stay beside it), the rows it leaves alone and why, and what
/// goes with them. Its form posts the rows with the versions shown, so a row changed meanwhile is left alone.
struct AdminActionConfirmationView: Sendable {
    struct Item: Sendable {
        let label: String
        let change: String
        let hasChange: Bool
        let beside: [String]
    }

    struct Refusal: Sendable {
        let text: String
        let named: [AdminDeletionBlocker.Named]
        let hasNamed: Bool
    }

    struct Selected: Sendable {
        let id: String
        let version: String
    }

    let title: String
    let question: String
    let items: [Item]
    let moreCount: String
    let hasMore: Bool
    let dependents: [String]
    let hasDependents: Bool
    /// Selected rows the action will leave alone, each with the reason.
    let refusals: [Refusal]
    let hasRefusals: Bool
    /// Said above the button, e.g. who can undo the action.
    let note: String
    let hasNote: Bool
    /// Nothing is left to act on: only the way back is offered.
    let isEmpty: Bool
    let actionURL: String
    let actionName: String
    let selected: [Selected]
    let listQuery: String
    /// The object page the action was started from, to return to it.
    let objectID: String
    let hasObjectID: Bool
    let cancelURL: String
    let confirmLabel: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let isDelete: Bool

    static let listedLimit = 100

    init(
        resource: AdminResource, action: AdminAction, targets: [AdminBulkTarget], refusals: [AdminBulkRefusal],
        dependents: [(label: String, count: Int)], listQuery: String, backURL: String, objectID: Int?, csrfToken: String,
        localizer: Localizer
    ) {
        title = localizer.t("Are you sure?")
        question = targets.isEmpty
            ? Localizer.fill(localizer.t("“{action}” would change none of the selected rows."), with: ["action": localizer.t(action.label)])
            : Localizer.fill(
                localizer.plural("“{action}” will change these {count} rows:", count: targets.count),
                with: ["action": localizer.t(action.label)]
            )
        items = targets.prefix(Self.listedLimit).map {
            Item(label: $0.label, change: $0.change, hasChange: !$0.change.isEmpty, beside: $0.beside)
        }
        hasMore = targets.count > Self.listedLimit
        moreCount = localizer.plural("…and {count} more", count: targets.count - Self.listedLimit)
        self.dependents = dependents.map { localizer.plural($0.label, count: $0.count) }
        hasDependents = !dependents.isEmpty
        self.refusals = refusals.prefix(Self.listedLimit).map { Refusal(text: $0.text, named: $0.named, hasNamed: !$0.named.isEmpty) }
            + (refusals.count > Self.listedLimit
                ? [Refusal(text: localizer.plural("…and {count} more", count: refusals.count - Self.listedLimit), named: [], hasNamed: false)]
                : [])
        hasRefusals = !refusals.isEmpty
        note = action.note.map { localizer.t($0) } ?? ""
        hasNote = action.note != nil && !targets.isEmpty
        isEmpty = targets.isEmpty
        actionURL = AdminURL.actions(resource.slug)
        actionName = action.name
        selected = targets.map { Selected(id: String($0.id), version: String($0.version)) }
        self.listQuery = listQuery
        self.objectID = objectID.map(String.init) ?? ""
        hasObjectID = objectID != nil
        cancelURL = backURL
        confirmLabel = Localizer.fill(localizer.t("Yes, {action}"), with: ["action": localizer.t(action.label).lowercasedFirst])
        self.csrfToken = csrfToken
        if case .delete = action.operation { isDelete = true } else { isDelete = false }
    }

    /// The posted versions the person confirmed: `version-<id>` → id → version.
    static func confirmedVersions(_ form: FormData, ids: [Int]) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for id in ids {
            if let version = form.value("version-\(id)").flatMap(Int.init) { found[id] = version }
        }
        return found
    }
}

private extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}

extension AdminActionConfirmationView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("question", \.question), .list("items", \.items), .text("moreCount", \.moreCount),
        .bool("hasMore", \.hasMore), .list("dependents", \.dependents), .bool("hasDependents", \.hasDependents),
        .list("refusals", \.refusals), .bool("hasRefusals", \.hasRefusals), .text("note", \.note), .bool("hasNote", \.hasNote),
        .bool("isEmpty", \.isEmpty), .text("actionURL", \.actionURL), .text("actionName", \.actionName),
        .list("selected", \.selected), .text("listQuery", \.listQuery), .text("objectID", \.objectID),
        .bool("hasObjectID", \.hasObjectID), .text("cancelURL", \.cancelURL), .text("confirmLabel", \.confirmLabel),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken), .bool("isDelete", \.isDelete),
    ])
}

extension AdminActionConfirmationView.Item: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("change", \.change), .bool("hasChange", \.hasChange), .list("beside", \.beside),
    ])
}

extension AdminActionConfirmationView.Refusal: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("text", \.text), .list("named", \.named), .bool("hasNamed", \.hasNamed),
    ])
}

extension AdminActionConfirmationView.Selected: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("id", \.id), .text("version", \.version),
    ])
}

extension AdminDeletionBlocker.Named: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url),
    ])
}
