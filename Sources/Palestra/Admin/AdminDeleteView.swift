import Mustache

/// "Are you sure?" before deleting one object, with what goes with it; or, when rows that refer to it
/// keep it from being deleted, those rows (how many, the first ones linked) and no delete button.
struct AdminDeleteView: Sendable {
    struct Blocker: Sendable {
        let count: String
        let named: [AdminDeletionBlocker.Named]
        let more: String
        let hasMore: Bool
    }

    let title: String
    let question: String
    let dependents: [String]
    let hasDependents: Bool
    let blockers: [Blocker]
    let isBlocked: Bool
    let actionURL: String
    let cancelURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(
        resource: AdminResource, record: AdminRecord, dependents: [(label: String, count: Int)], blockers: [AdminDeletionBlocker],
        csrfToken: String, localizer: Localizer
    ) {
        let name = localizer.t(resource.singularName)
        isBlocked = !blockers.isEmpty
        if isBlocked {
            title = localizer.t("The {name} cannot be deleted", ["name": name])
            question = localizer.t("The {name} “{label}” cannot be deleted while these records refer to it (they keep its history):", ["name": name, "label": record.label])
        } else {
            title = localizer.t("Delete {name}", ["name": name])
            question = localizer.t("Delete the {name} “{label}”? This cannot be undone.", ["name": name, "label": record.label])
        }
        self.blockers = blockers.map { blocker in
            let more = blocker.count - blocker.named.count
            return Blocker(
                count: localizer.plural(blocker.label, count: blocker.count), named: blocker.named,
                more: localizer.plural("…and {count} more", count: more), hasMore: more > 0
            )
        }
        self.dependents = isBlocked ? [] : dependents.map { localizer.plural($0.label, count: $0.count) }
        hasDependents = !self.dependents.isEmpty
        actionURL = AdminURL.delete(resource.slug, String(record.id))
        cancelURL = AdminURL.changeForm(resource.slug, String(record.id))
        self.csrfToken = csrfToken
    }
}

extension AdminDeleteView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("question", \.question), .list("dependents", \.dependents),
        .bool("hasDependents", \.hasDependents), .list("blockers", \.blockers), .bool("isBlocked", \.isBlocked),
        .text("actionURL", \.actionURL), .text("cancelURL", \.cancelURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}

extension AdminDeleteView.Blocker: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("count", \.count), .list("named", \.named), .text("more", \.more), .bool("hasMore", \.hasMore),
    ])
}
