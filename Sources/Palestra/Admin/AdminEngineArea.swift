extension PageTemplate {
    static let adminIndex = PageTemplate("admin/index", rendering: AdminIndexView.self)
    static let adminList = PageTemplate("admin/change_list", rendering: AdminListView.self)
    static let adminForm = PageTemplate("admin/change_form", rendering: AdminFormView.self)
    static let adminDelete = PageTemplate("admin/delete_confirmation", rendering: AdminDeleteView.self)
    static let adminActionConfirmation = PageTemplate("admin/action_confirmation", rendering: AdminActionConfirmationView.self)
    static let adminHistory = PageTemplate("admin/history", rendering: AdminHistoryView.self)
}

extension Area {
    /// The admin engine's pages for every area's resources: change lists, forms, deletes, bulk actions,
    /// history, and the uploaded files of their file fields.
    static let adminEngine = Area(
        name: "admin",
        templates: [.adminIndex, .adminList, .adminForm, .adminDelete, .adminActionConfirmation, .adminHistory],
        routes: { surfaces, services in
            let admin = services.admin
            AdminIndexController(services: admin, store: AdminIndexStore(database: services.database))
                .addRoutes(to: surfaces.signedIn)
            AdminListController(services: admin).addRoutes(to: surfaces.signedIn)
            AdminFormController(services: admin).addRoutes(to: surfaces.signedIn)
            AdminObjectController(services: admin).addRoutes(to: surfaces.signedIn)
            AdminListEditController(services: admin).addRoutes(to: surfaces.signedIn)
            MediaController(media: admin.media, records: admin.records, resources: MediaController.resources(of: admin.site))
                .addRoutes(to: surfaces.signedIn)
        }
    )
}
