/// The admin engine's pages, for every resource by its slug.
public enum AdminURL: SiteRoute {
    /// `/admin/`: the resources the user may view.
    case index
    /// `/admin/<slug>/`, a resource's change list.
    case changeList(RouteParameter<String>)
    case addForm(RouteParameter<String>)
    /// `/admin/<slug>/<id>/`, an object's change form.
    case changeForm(RouteParameter<String>, RouteParameter<String>)
    case history(RouteParameter<String>, RouteParameter<String>)
    case delete(RouteParameter<String>, RouteParameter<String>)
    /// A resource's extra page of one object (`/admin/users/7/password`), declared by the resource.
    case objectPage(RouteParameter<String>, RouteParameter<String>, page: RouteParameter<String>)
    /// The change list's bulk actions.
    case actions(RouteParameter<String>)
    /// The change list's Save of its list-editable fields.
    case listEdit(RouteParameter<String>)

    public var path: String {
        switch self {
        case .index: "/admin/"
        case .changeList(let slug): "/admin/\(slug.segment("slug"))/"
        case .addForm(let slug): "/admin/\(slug.segment("slug"))/add"
        case .changeForm(let slug, let id): "/admin/\(slug.segment("slug"))/\(id.segment("id"))/"
        case .history(let slug, let id): Self.changeForm(slug, id).path + "history"
        case .delete(let slug, let id): Self.changeForm(slug, id).path + "delete"
        case .objectPage(let slug, let id, let page): Self.changeForm(slug, id).path + page.segment("page")
        case .actions(let slug): "/admin/\(slug.segment("slug"))/actions"
        case .listEdit(let slug): "/admin/\(slug.segment("slug"))/edit"
        }
    }

    // Links, the common case: plain values instead of `.value(…)`.
    public static func changeList(_ slug: String) -> String { changeList(.value(slug)).path }
    public static func addForm(_ slug: String) -> String { addForm(.value(slug)).path }
    public static func changeForm(_ slug: String, _ id: String) -> String { changeForm(.value(slug), .value(id)).path }
    public static func history(_ slug: String, _ id: String) -> String { history(.value(slug), .value(id)).path }
    public static func delete(_ slug: String, _ id: String) -> String { delete(.value(slug), .value(id)).path }
    public static func actions(_ slug: String) -> String { actions(.value(slug)).path }
    public static func listEdit(_ slug: String) -> String { listEdit(.value(slug)).path }
}
