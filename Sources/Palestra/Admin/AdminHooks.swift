import Postgres

/// What a resource adds to the engine's own behaviour: code run with every save, and extra pages of one
/// object (Django's `save_model` and `get_urls`).
public struct AdminHooks: Sendable {
    /// Runs inside the saving transaction after an add, change or bulk change.
    public let afterSave: @Sendable (AdminSaveEvent, PostgresConnection) async throws -> Void
    /// Pages of one object beyond its form, history and delete: `/admin/<slug>/<id>/<name>`.
    public let objectPages: [AdminObjectPage]

    public init(
        afterSave: @escaping @Sendable (AdminSaveEvent, PostgresConnection) async throws -> Void = { _, _ in },
        objectPages: [AdminObjectPage] = []
    ) {
        self.afterSave = afterSave
        self.objectPages = objectPages
    }

    func objectPage(named name: String?) -> AdminObjectPage? {
        objectPages.first { $0.name == name }
    }
}
