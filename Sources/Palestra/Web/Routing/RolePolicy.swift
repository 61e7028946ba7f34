import Hummingbird

/// Which roles may reach a group of signed-in routes (in the manner of hummingbird-auth's policies):
/// handlers behind it never check the role by hand.
public struct RolePolicy: Sendable, Equatable {
    public let roles: Set<Role>

    public init(_ roles: Set<Role>) {
        self.roles = roles
    }

    public func allows(_ user: User) -> Bool {
        roles.contains(user.role)
    }

    /// Everyone signed in.
    public static let signedIn = RolePolicy(Set(Role.allCases))
    public static let admins = RolePolicy([.admin])
}

/// Answers 403 to a signed-in user whose role the policy does not name.
struct RolePolicyMiddleware: RouterMiddleware {
    typealias Context = SignedInContext
    let policy: RolePolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard policy.allows(context.user) else { throw AppError.forbidden }
        return try await next(request, context)
    }
}
