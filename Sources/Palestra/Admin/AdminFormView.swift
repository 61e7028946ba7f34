import Mustache

/// The change (or add) form page's view model.
struct AdminFormView: Sendable {
    struct Link: Sendable {
        let label: String
        let url: String
    }

    /// A bulk action offered as a button on the object's page (posted to the actions endpoint with its id).
    struct ObjectAction: Sendable {
        let name: String
        let label: String
    }

    let title: String
    let listURL: String
    let listLabel: String
    let actionURL: String
    let isAdding: Bool
    let isReadOnly: Bool
    let csrfField = CSRFMiddleware.fieldName
    let csrfToken: String
    let version: String
    let fields: [AdminFormFieldView]
    /// Each message of the summary on top, linking to its field.
    let errorSummary: [Link]
    let hasErrors: Bool
    let conflictMessage: String
    let hasConflict: Bool
    let historyURL: String
    let deleteURL: String
    let canDelete: Bool
    let links: [Link]
    let hasLinks: Bool
    let canAddAnother: Bool
    /// A file field is editable: the form posts `multipart/form-data`.
    let hasFiles: Bool
    let objectActions: [ObjectAction]
    let hasObjectActions: Bool
    let objectActionsURL: String
    let objectID: String
    /// The resource's `readOnlyCondition` holds for this object: why it cannot be changed.
    let readOnlyMessage: String
    let hasReadOnlyMessage: Bool
    let inlines: [AdminInlineView]
    let hasInlines: Bool
    let panels: [AdminPanelView]
    let hasPanels: Bool
}

extension AdminFormView: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("title", \.title), .text("listURL", \.listURL), .text("listLabel", \.listLabel), .text("actionURL", \.actionURL),
        .bool("isAdding", \.isAdding), .bool("isReadOnly", \.isReadOnly), .text("csrfField", \.csrfField),
        .text("csrfToken", \.csrfToken), .text("version", \.version), .list("fields", \.fields),
        .list("errorSummary", \.errorSummary), .bool("hasErrors", \.hasErrors), .text("conflictMessage", \.conflictMessage),
        .bool("hasConflict", \.hasConflict), .text("historyURL", \.historyURL), .text("deleteURL", \.deleteURL),
        .bool("canDelete", \.canDelete), .list("links", \.links), .bool("hasLinks", \.hasLinks),
        .bool("canAddAnother", \.canAddAnother), .bool("hasFiles", \.hasFiles), .list("objectActions", \.objectActions),
        .bool("hasObjectActions", \.hasObjectActions), .text("objectActionsURL", \.objectActionsURL),
        .text("objectID", \.objectID), .text("readOnlyMessage", \.readOnlyMessage),
        .bool("hasReadOnlyMessage", \.hasReadOnlyMessage), .list("inlines", \.inlines), .bool("hasInlines", \.hasInlines),
        .list("panels", \.panels), .bool("hasPanels", \.hasPanels),
    ])
}

extension AdminFormView.Link: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("label", \.label), .text("url", \.url),
    ])
}

extension AdminFormView.ObjectAction: MustacheObject {
    static let mustacheTable = MustacheTable(for: Self.self, [
        .text("name", \.name), .text("label", \.label),
    ])
}
