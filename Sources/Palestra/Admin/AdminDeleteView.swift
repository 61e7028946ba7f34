import Mustache

/// "Are you sure?" before deleting one object, with what goes with it.
struct AdminDeleteView: Sendable {
    let title: String
    let question: String
    let dependents: [String]
    let hasDependents: Bool
    let actionURL: String
    let cancelURL: String
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String

    init(resource: AdminResource, record: AdminRecord, dependents: [(label: String, count: Int)], csrfToken: String, localizer: Localizer) {
        let name = localizer.t(resource.singularName)
        title = localizer.t("Delete {name}", ["name": name])
        question = localizer.t("Delete the {name} “{label}”? This cannot be undone.", ["name": name, "label": record.label])
        self.dependents = dependents.map { localizer.plural($0.label, count: $0.count) }
        hasDependents = !dependents.isEmpty
        actionURL = AdminURL.delete(resource.slug, String(record.id))
        cancelURL = AdminURL.changeForm(resource.slug, String(record.id))
        self.csrfToken = csrfToken
    }
}

extension AdminDeleteView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("question", \.question), .list("dependents", \.dependents),
        .bool("hasDependents", \.hasDependents), .text("actionURL", \.actionURL), .text("cancelURL", \.cancelURL),
        .text("csrfField", \.csrfField), .text("csrfToken", \.csrfToken),
    ])
}
