import Hummingbird

/// An extra page of one object, declared by its resource (Django's `ModelAdmin.get_urls`): the engine
/// routes `/admin/<slug>/<id>/<name>` to it — GET to `show`, POST to `submit` — once the resource is
/// known, the user has `permission` on it and the id is a positive whole number; any other name, or a
/// method the page lacks, is a 404. The page loads its object itself (it may not be a row the engine reads).
public struct AdminObjectPage: Sendable {
    public typealias Handler = @Sendable (AdminObjectPageRequest) async throws -> Response

    /// The path segment after the object's id.
    public let name: String
    /// What the user must be allowed on the resource to open the page.
    public let permission: AdminPermission
    public let show: Handler?
    public let submit: Handler?

    public init(_ name: String, permission: AdminPermission = .change, show: Handler?, submit: Handler? = nil) {
        self.name = name
        self.permission = permission
        self.show = show
        self.submit = submit
    }
}

/// What an object page's handler gets: the request, the signed-in context, the resource, the object's id
/// (a positive whole number, not yet looked up) and the engine's services.
public struct AdminObjectPageRequest: Sendable {
    public let request: Request
    public let context: SignedInContext
    public let resource: AdminResource
    public let objectID: Int
    let services: AdminServices
}
