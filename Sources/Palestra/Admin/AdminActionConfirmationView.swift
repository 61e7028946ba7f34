import Mustache

/// The page that asks "are you sure?" before a destructive bulk action, listing every row it touches
/// and what goes with them.
struct AdminActionConfirmationView: Sendable {
    let title: String
    let question: String
    let items: [String]
    let moreCount: String
    let hasMore: Bool
    let dependents: [String]
    let hasDependents: Bool
    /// Selected rows the action will leave alone, each with the reason.
    let refusals: [String]
    let hasRefusals: Bool
    /// Nothing is left to act on: only the way back is offered.
    let isEmpty: Bool
    let actionURL: String
    let actionName: String
    let ids: [String]
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
        resource: AdminResource, action: AdminAction, targets: [(id: Int, label: String)], refusals: [String],
        dependents: [(label: String, count: Int)], listQuery: String, backURL: String, objectID: Int?, csrfToken: String,
        localizer: Localizer
    ) {
        title = localizer.t("Are you sure?")
        question = Localizer.fill(
            localizer.plural("“{action}” will apply to these {count} rows:", count: targets.count),
            with: ["action": localizer.t(action.label)]
        )
        items = targets.prefix(Self.listedLimit).map(\.label)
        hasMore = targets.count > Self.listedLimit
        moreCount = localizer.plural("…and {count} more", count: targets.count - Self.listedLimit)
        self.dependents = dependents.map { localizer.plural($0.label, count: $0.count) }
        hasDependents = !dependents.isEmpty
        self.refusals = refusals
        hasRefusals = !refusals.isEmpty
        isEmpty = targets.isEmpty
        actionURL = AdminURL.actions(resource.slug)
        actionName = action.name
        ids = targets.map { String($0.id) }
        self.listQuery = listQuery
        self.objectID = objectID.map(String.init) ?? ""
        hasObjectID = objectID != nil
        cancelURL = backURL
        confirmLabel = localizer.t("Yes, I'm sure")
        self.csrfToken = csrfToken
        if case .delete = action.operation { isDelete = true } else { isDelete = false }
    }
}

extension AdminActionConfirmationView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("question", \.question), .list("items", \.items), .text("moreCount", \.moreCount),
        .bool("hasMore", \.hasMore), .list("dependents", \.dependents), .bool("hasDependents", \.hasDependents),
        .list("refusals", \.refusals), .bool("hasRefusals", \.hasRefusals), .bool("isEmpty", \.isEmpty),
        .text("actionURL", \.actionURL), .text("actionName", \.actionName), .list("ids", \.ids), .text("listQuery", \.listQuery),
        .text("objectID", \.objectID), .bool("hasObjectID", \.hasObjectID), .text("cancelURL", \.cancelURL),
        .text("confirmLabel", \.confirmLabel), .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
        .bool("isDelete", \.isDelete),
    ])
}
